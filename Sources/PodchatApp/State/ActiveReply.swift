/// The reply being waited for: which request it is, and a transient failure being recovered
/// from. Its timings and job id are the reply's own, on its ``TranscriptEntry``.
package struct ActiveReply: Sendable, Equatable {
    package let id: RequestID
    /// The last transient failure and when the next try starts.
    package private(set) var retry: PendingRetry?

    init(id: RequestID) {
        self.id = id
    }

    mutating func retry(_ pending: PendingRetry?) {
        retry = pending
    }
}

/// A transient failure the client is recovering from, and when it tries again.
package struct PendingRetry: Sendable, Equatable {
    package let reason: String
    package let at: ContinuousClock.Instant
}
