/// The reply being waited for: which request it is and how far it got.
package struct ActiveReply: Sendable, Equatable {
    package let id: RequestID
    package let requestedAt: ContinuousClock.Instant
    package var jobID: String?
    /// When a worker took the job (or the first text came).
    package var startedAt: ContinuousClock.Instant?
    package var firstTokenAt: ContinuousClock.Instant?
    /// The last transient failure and when the next try starts.
    package var retry: PendingRetry?

    package init(id: RequestID, requestedAt: ContinuousClock.Instant) {
        self.id = id
        self.requestedAt = requestedAt
    }
}

/// A transient failure the client is recovering from, and when it tries again.
package struct PendingRetry: Sendable, Equatable {
    package var reason: String
    package var at: ContinuousClock.Instant
}

/// A short message in the status bar.
package struct Notice: Sendable, Equatable {
    package var text: String
    package var isError: Bool
    /// When it disappears by itself; nil keeps it until replaced.
    package var expiresAt: ContinuousClock.Instant?
}
