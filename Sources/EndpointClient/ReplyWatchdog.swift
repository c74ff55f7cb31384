import PodchatCore

/// Decides when a job has waited too long: in the queue, for its first text, or for more text.
///
/// It is fed every poll answer with the time it arrived, so it needs no timer of its own and
/// fires at the first answer past a limit (polls come at least once a second while a job
/// runs). Each limit is optional; nil switches it off. Only a job that is still going can
/// run out of time: a final status always ends the reply normally.
package struct ReplyWatchdog: Sendable, Equatable {
    /// A limit that ran out, with its length.
    package enum Expiry: Sendable, Equatable {
        /// The job stayed `IN_QUEUE` for this long after it was submitted.
        case queue(Duration)
        /// A worker took the job but sent no text for this long.
        case firstToken(Duration)
        /// The job, still running, sent no new text for this long.
        case idle(Duration)
    }

    /// How long a job may wait for a worker; nil waits as long as it takes (cold starts can
    /// take minutes, and the reader sees the wait).
    package var queueTimeout: Duration?
    /// How long after a worker took the job the first text may take.
    package var firstTokenTimeout: Duration?
    /// How long a running job may go without new text once text has started.
    package var idleTimeout: Duration?

    private var submittedAt: Duration?
    private var startedAt: Duration?
    private var lastTextAt: Duration?

    /// A watchdog with the given limits; nil switches a limit off.
    package init(queueTimeout: Duration? = nil, firstTokenTimeout: Duration? = nil, idleTimeout: Duration? = nil) {
        self.queueTimeout = queueTimeout
        self.firstTokenTimeout = firstTokenTimeout
        self.idleTimeout = idleTimeout
    }

    /// Records a poll answer that arrived at `now` (time since any fixed origin) and returns
    /// the limit that has run out, if any.
    ///
    /// - Parameters:
    ///   - status: The job's status in the answer.
    ///   - receivedText: Whether the answer brought new text, thinking or answer: a reasoning
    ///     model's thinking shows the job at work as much as its answer does.
    package mutating func check(_ status: JobStatus, receivedText: Bool, at now: Duration) -> Expiry? {
        if submittedAt == nil { submittedAt = now }
        if startedAt == nil && (status.isRunning || receivedText) { startedAt = now }
        if receivedText { lastTextAt = now }
        switch status {
        case .inQueue:
            return Self.exceeded(queueTimeout, since: submittedAt, at: now).map(Expiry.queue)
        case .inProgress, .running:
            if lastTextAt == nil {
                return Self.exceeded(firstTokenTimeout, since: startedAt, at: now).map(Expiry.firstToken)
            }
            return Self.exceeded(idleTimeout, since: lastTextAt, at: now).map(Expiry.idle)
        case .completed, .failed, .cancelled, .timedOut, .other:
            return nil
        }
    }

    /// `limit` when it is set and has passed since `start`.
    private static func exceeded(_ limit: Duration?, since start: Duration?, at now: Duration) -> Duration? {
        guard let limit, let start, now - start >= limit else { return nil }
        return limit
    }
}
