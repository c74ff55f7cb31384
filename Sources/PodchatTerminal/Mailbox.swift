import CSignalPipe
import Glibc
import PodchatApp
import PodchatCore
import Synchronization

/// Where background tasks leave events for the loop: a locked queue, and two ways to wake the
/// ``TerminalSession``'s poll. A pipe wakes it at once. A timer wakes it at the end of the
/// frame pace (``framePace``) for more text of a streaming reply that comes sooner than that
/// after the last frame (``Event/canWaitForFrame``), so tokens that arrive 10 ms apart are drawn
/// two to a frame and the loop is not woken for each.
package final class Mailbox: Sendable {
    /// The shortest time between two frames that only add streamed text: one refresh of a
    /// 60 Hz display, which terminals do not outpace. A reply's end, a failure and every key
    /// show at once.
    package static let framePace: Duration = .milliseconds(16)

    /// What wakes the loop for the events queued.
    private enum WakeUp {
        case none
        /// The timer, at the end of the pace.
        case timed
        /// The pipe, now.
        case now
    }

    private struct Box {
        var events: [Event] = []
        var wakeUp = WakeUp.none
        /// Until then (CLOCK_MONOTONIC nanoseconds), streamed text waits for the timer.
        var pacedUntil: UInt64 = 0
        /// Whether the timer was set since the last drain (an event that cannot wait may have
        /// woken the loop through the pipe since).
        var timerIsArmed = false
    }

    private let box = Mutex(Box())
    let readDescriptor: Int32
    private let writeDescriptor: Int32
    let timerDescriptor: Int32

    package init() {
        var descriptors: [Int32] = [0, 0]
        precondition(CSignalPipe_makePipe(&descriptors) == 0, "pipe2 failed: errno \(errno)")
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        timerDescriptor = CSignalPipe_makeTimer()
        precondition(timerDescriptor >= 0, "timerfd_create failed: errno \(errno)")
    }

    deinit {
        Glibc.close(readDescriptor)
        Glibc.close(writeDescriptor)
        Glibc.close(timerDescriptor)
    }

    /// Queues `event` and wakes the loop: at once, or at the end of the frame pace when the
    /// event can wait for a frame and the last frame was drawn less than a pace ago. Safe from
    /// any thread.
    ///
    /// Only the first event after a drain arranges a wake-up (one byte in the pipe, or the
    /// timer), and an event that cannot wait turns a timed wake-up into one now: the loop takes
    /// the whole queue when it wakes.
    package func post(_ event: Event) {
        box.withLock { box in
            box.events.append(event)
            switch box.wakeUp {
            case .now: return
            case .timed: if event.canWaitForFrame { return }
            case .none:
                if event.canWaitForFrame && CSignalPipe_monotonicNanoseconds() < box.pacedUntil {
                    box.wakeUp = .timed
                    box.timerIsArmed = true
                    _ = CSignalPipe_armTimer(timerDescriptor, box.pacedUntil)
                    return
                }
            }
            box.wakeUp = .now
            var byte: UInt8 = 1
            // A full pipe already guarantees a wake-up, so a failed write loses nothing.
            _ = write(writeDescriptor, &byte, 1)
        }
    }

    /// Starts a frame pace: a frame was just drawn.
    func framed() {
        let until = CSignalPipe_monotonicNanoseconds() + UInt64(Self.framePace.nanoseconds)
        box.withLock { $0.pacedUntil = until }
    }

    /// Every queued event, in order.
    /// - Parameters:
    ///   - pipeIsReadable: whether `poll` found bytes in the pipe, which are read first.
    ///   - timerFired: whether `poll` found the timer expired, which is then cleared.
    func drain(pipeIsReadable: Bool = true, timerFired: Bool = false) -> [Event] {
        if pipeIsReadable {
            // A read that returns less than it asked for emptied the pipe: no second read to
            // hear so, on every token a reply streams.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
                while read(readDescriptor, buffer.baseAddress, buffer.count) == buffer.count {}
            }
        }
        if timerFired { CSignalPipe_clearTimer(timerDescriptor) }
        return box.withLock { box in
            // Woken before the timer: it would only wake the loop again for nothing.
            if box.timerIsArmed && !timerFired { _ = CSignalPipe_armTimer(timerDescriptor, 0) }
            box.timerIsArmed = false
            box.wakeUp = .none
            defer { box.events.removeAll(keepingCapacity: true) }
            return box.events
        }
    }
}
