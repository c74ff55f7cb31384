import Foundation

/// Runs `work` on a thread of its own and waits for it without holding a thread of the
/// cooperative pool: for work that blocks, such as a ``LoopDriver`` sleeping in its terminal,
/// while the tasks it waits for need that pool.
package func onDedicatedThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        // As much stack as the main thread, where the program runs its loop.
        thread.stackSize = 8 << 20
        thread.start()
    }
}
