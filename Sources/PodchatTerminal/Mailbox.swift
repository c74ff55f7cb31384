import CSignalPipe
import Glibc
import PodchatApp
import Synchronization

/// Where background tasks leave events for the loop: a locked queue plus a pipe whose read end
/// the ``TerminalSession`` polls, so a posted event wakes the loop at once.
package final class Mailbox: Sendable {
    private let queue = Mutex<[Event]>([])
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    package init() {
        var descriptors: [Int32] = [0, 0]
        precondition(CSignalPipe_makePipe(&descriptors) == 0, "pipe2 failed: errno \(errno)")
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        Glibc.close(readDescriptor)
        Glibc.close(writeDescriptor)
    }

    /// Queues `event` and wakes the loop. Safe from any thread.
    ///
    /// Only the event that finds the queue empty writes to the pipe: the loop reads the pipe
    /// before it takes the queue, so an event queued behind another is taken with it, and one
    /// queued after the take finds the queue empty again.
    package func post(_ event: Event) {
        let wasEmpty = queue.withLock { events in
            defer { events.append(event) }
            return events.isEmpty
        }
        guard wasEmpty else { return }
        var byte: UInt8 = 1
        // A full pipe already guarantees a wake-up, so a failed write loses nothing.
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Every queued event, in order.
    func drain() -> [Event] {
        // A read that returns less than it asked for emptied the pipe: no second read to hear
        // so, on every token a reply streams.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
            while read(readDescriptor, buffer.baseAddress, buffer.count) == buffer.count {}
        }
        return queue.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
