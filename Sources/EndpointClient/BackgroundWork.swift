import Synchronization

/// Best-effort requests a backend sends after the reader has left (a `/cancel` for an abandoned
/// job), kept so the process can wait for them before it exits instead of dropping them.
final class BackgroundWork: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let nextKey = Atomic<Int>(0)

    /// Runs `work` in a task of its own and remembers it until it ends.
    func start(_ work: @escaping @Sendable () async -> Void) {
        let key = nextKey.add(1, ordering: .relaxed).newValue
        // Registered under the lock the task takes to unregister, so it cannot finish first.
        tasks.withLock { tasks in
            tasks[key] = Task {
                await work()
                _ = self.tasks.withLock { $0.removeValue(forKey: key) }
            }
        }
    }

    /// Waits until every task started so far has ended.
    func settle() async {
        while let task = tasks.withLock({ $0.values.first }) {
            await task.value
        }
    }
}
