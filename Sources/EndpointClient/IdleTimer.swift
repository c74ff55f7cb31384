import Synchronization

/// Notices when a stream has gone quiet: each piece that arrives pushes the deadline back.
final class IdleTimer: Sendable {
    private let limit: Duration
    private let lastActivity = Mutex(ContinuousClock.now)
    private let fired = Atomic<Bool>(false)

    /// A timer that fires after `limit` without ``touch()``.
    init(limit: Duration) {
        self.limit = limit
    }

    /// Whether the stream went quiet for the whole limit.
    var hasFired: Bool { fired.load(ordering: .acquiring) }

    /// Records activity, restarting the countdown.
    func touch() {
        lastActivity.withLock { $0 = .now }
    }

    /// Returns once `limit` has passed without activity; throws `CancellationError` when cancelled first.
    func waitUntilIdle() async throws {
        while true {
            let deadline = lastActivity.withLock { $0 } + limit
            try await Task.sleep(until: deadline, clock: .continuous)
            // Activity during the sleep moved the deadline; sleep again until the new one.
            if lastActivity.withLock({ $0 }) + limit <= .now {
                fired.store(true, ordering: .releasing)
                return
            }
        }
    }
}
