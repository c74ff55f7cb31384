/// What one reply amounted to, built from its completion events as they arrive: the text of
/// each choice, usage, the job, how it ended, and when the first token came.
package struct ReplySummary: Sendable, Equatable {
    package private(set) var texts: [Int: String] = [:]
    package private(set) var usage: Usage?
    package private(set) var jobID: String?
    package private(set) var finishReason: FinishReason?
    package let requestedAt: ContinuousClock.Instant
    package private(set) var firstTokenAt: ContinuousClock.Instant?
    package private(set) var finishedAt: ContinuousClock.Instant?

    package init(requestedAt: ContinuousClock.Instant) {
        self.requestedAt = requestedAt
    }

    /// Takes in one event that arrived at `instant`.
    package mutating func record(_ event: CompletionEvent, at instant: ContinuousClock.Instant) {
        switch event {
        case .queued(let id): jobID = id
        case .delta(let choice, let text):
            guard !text.isEmpty else { return }
            firstTokenAt = firstTokenAt ?? instant
            texts[choice, default: ""] += text
        case .replaced(let choice, let text): texts[choice] = text
        case .usage(let reported): usage = reported
        case .finished(let reason):
            finishReason = reason
            finishedAt = instant
        case .started, .retrying: break
        }
    }

    /// The choices in index order, with every index up to the highest present.
    package var choices: [String] {
        guard let last = texts.keys.max() else { return [] }
        return (0...last).map { texts[$0] ?? "" }
    }

    /// From the request to the first text.
    package var timeToFirstToken: Duration? {
        firstTokenAt.map { requestedAt.duration(to: $0) }
    }

    /// Completion tokens per second from the first token to the end, when both are known.
    package var tokensPerSecond: Double? {
        guard let tokens = usage?.completionTokens, tokens > 1, let first = firstTokenAt, let last = finishedAt else { return nil }
        let seconds = first.duration(to: last).seconds
        return seconds > 0 ? Double(tokens) / seconds : nil
    }
}
