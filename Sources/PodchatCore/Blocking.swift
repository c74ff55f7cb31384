import Dispatch
import Synchronization

/// Runs `body` on the global executor and blocks the calling thread until it ends.
///
/// podchat's commands (and `podchat-bench`) are synchronous on purpose: the chat window parks
/// the main thread in `poll(2)`, and a task that inherited the main actor would never run (see
/// DECISIONS.md). Called from a nonisolated function, the task here does not inherit any actor.
package func runBlocking<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) throws -> Value {
    let result = Mutex<Result<Value, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let outcome: Result<Value, any Error>
        do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
        result.withLock { $0 = outcome }
        done.signal()
    }
    done.wait()
    guard let outcome = result.withLock({ $0 }) else { preconditionFailure("the task signalled without a result") }
    return try outcome.get()
}
