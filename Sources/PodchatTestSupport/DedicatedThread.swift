import Foundation
import Synchronization

/// Work started at once on a thread of its own, whose result a test awaits without holding a
/// thread of the cooperative pool: for work that blocks, such as a ``LoopDriver`` sleeping in
/// its terminal, while the tasks it waits for need that pool (on a busy machine, a task that
/// only started the work could wait seconds for a thread of the pool itself).
package final class DedicatedThread<Value: Sendable>: Sendable {
    private struct Outcome {
        var result: Result<Value, any Error>?
        var waiter: CheckedContinuation<Value, any Error>?
    }

    private let outcome = Mutex(Outcome())

    package init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try work() }
            let waiter = self.outcome.withLock { outcome in
                outcome.result = result
                return outcome.waiter
            }
            waiter?.resume(with: result)
        }
        // As much stack as the main thread, where the program runs its loop.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// What the work returned or threw, once it has ended. One waiter at a time.
    package var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let result = outcome.withLock { outcome in
                    if outcome.result == nil { outcome.waiter = continuation }
                    return outcome.result
                }
                if let result { continuation.resume(with: result) }
            }
        }
    }
}
