import Dispatch

/// The effects that touch the disk, run off the loop's thread one at a time in the order they
/// were handed over (a serial dispatch queue: one thread at a time, never the caller's).
///
/// The event loop must get back to `poll(2)` at once after each batch, but a save of a long
/// conversation (two `fsync`s) or the picker's first listing of 1,000 files takes up to half a
/// second. Order matters between them: the save before a load of the conversation left behind,
/// the rename before the listing that shows it. So they go to one serial queue rather than to
/// concurrent tasks, and their results still come back as events.
final class DiskWorker: Sendable {
    private let queue = DispatchQueue(label: "podchat.disk", qos: .userInitiated)

    /// Runs `work` on the worker after everything handed over before it; returns at once.
    func enqueue(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }

    /// Blocks the caller until everything handed over so far has run.
    func waitUntilIdle() {
        queue.sync {}
    }

    /// Suspends until everything handed over so far has run, holding no thread meanwhile.
    func idle() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }
}
