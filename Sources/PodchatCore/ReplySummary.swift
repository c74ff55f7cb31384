/// What one reply amounted to, built from its completion events as they arrive: the answer
/// and thinking of each choice, their log probabilities, usage, the job, how it ended, and
/// when the first token came.
package struct ReplySummary: Sendable, Equatable {
    package private(set) var texts: [Int: String] = [:]
    package private(set) var reasonings: [Int: String] = [:]
    package private(set) var logprobs: [Int: [TokenLogprob]] = [:]
    package private(set) var usage: Usage?
    package private(set) var jobID: String?
    package private(set) var generation: WorkerGeneration?
    package private(set) var finishReason: FinishReason?
    /// Whether text was lost in transit and put back from the job's final output.
    package private(set) var wasRepaired = false
    package let requestedAt: ContinuousClock.Instant
    /// The first piece of thinking or answer.
    package private(set) var firstTokenAt: ContinuousClock.Instant?
    /// The first piece of the answer itself, which ends the thinking.
    package private(set) var firstAnswerAt: ContinuousClock.Instant?
    /// The last piece of thinking or answer.
    private var lastTokenAt: ContinuousClock.Instant?
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
            firstAnswerAt = firstAnswerAt ?? instant
            lastTokenAt = instant
            texts[choice, default: ""] += text
        case .reasoning(let choice, let text):
            guard !text.isEmpty else { return }
            firstTokenAt = firstTokenAt ?? instant
            lastTokenAt = instant
            reasonings[choice, default: ""] += text
        case .logprobs(let choice, let tokens): logprobs[choice, default: []] += tokens
        case .replaced(let choice, let text):
            texts[choice] = text
            wasRepaired = true
        case .reasoningReplaced(let choice, let text):
            reasonings[choice] = text
            wasRepaired = true
        case .generation(let seen): generation = seen
        case .usage(let reported): usage = reported
        case .finished(let reason):
            finishReason = reason
            finishedAt = instant
        case .started, .retrying, .executionTime, .exchanges: break
        }
    }

    /// The choices' answers in index order, with every index up to the highest present
    /// (in either answer or thinking).
    package var choices: [String] {
        choiceIndices.map { texts[$0] ?? "" }
    }

    /// The choices' thinking, aligned with ``choices``: empty where a choice did not think.
    package var choiceReasonings: [String] {
        choiceIndices.map { reasonings[$0] ?? "" }
    }

    /// Whether a reply cut off by `max_tokens` spent them all thinking: no answer text at all.
    package var ranOutWhileThinking: Bool {
        finishReason == .length && !reasonings.values.allSatisfy(\.isEmpty) && texts.values.allSatisfy(\.isEmpty)
    }

    /// From the request to the first text, thinking or answer.
    package var timeToFirstToken: Duration? {
        firstTokenAt.map { requestedAt.duration(to: $0) }
    }

    /// Completion tokens per second from the first piece of text to the last, when the text
    /// came in pieces over time. A reply that arrived whole (not streamed, or a job whose
    /// output came in one answer, as from the Runpod SDK's local server) has no rate: timed
    /// from its one piece to the end it read as millions of tokens per second.
    package var tokensPerSecond: Double? {
        guard let tokens = usage?.completionTokens, tokens > 1, let first = firstTokenAt, let last = lastTokenAt else { return nil }
        let seconds = first.duration(to: last).seconds
        return seconds > 0 ? Double(tokens) / seconds : nil
    }

    private var choiceIndices: [Int] {
        guard let last = (Array(texts.keys) + Array(reasonings.keys)).max() else { return [] }
        return Array(0...last)
    }
}
