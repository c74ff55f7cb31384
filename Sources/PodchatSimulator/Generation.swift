/// The simulated model's answer to one request: per choice, the tokens it thinks, the tokens it
/// answers, and why it stops.
struct Generation: Sendable {
    /// One engine update: choice `choice` gains `token` at step `step` (counted from 1).
    struct Update: Sendable {
        var step: Int
        var choice: Int
        var token: String
        /// A thinking token, sent as reasoning rather than content.
        var isReasoning: Bool
        var isLast: Bool
    }

    var promptTokens: Int
    /// Per choice, the thinking tokens, which come before the answer.
    var reasoning: [[String]]
    /// Per choice, the answer's tokens.
    var choices: [[String]]
    /// Per choice, vLLM's `finish_reason`: "length" when `max_tokens` cut the reply, else "stop".
    var finishReasons: [String]

    /// The answer to `request`, with the length and content `faults` ask for, after
    /// `thinkingTokens` tokens of thinking; thinking counts against `max_tokens`.
    init(_ request: GenerationRequest, faults: SimulatedFaults, thinkingTokens: Int = 0) {
        let message = SimulatedFaults.strippingMarkers(from: request.lastUserText)
        let preface = faults.statesParameters ? Self.parameterSentence(request) : ""
        let limit = request.sampling.maxTokens ?? Int.max
        promptTokens = request.promptTokens
        reasoning = []
        choices = []
        finishReasons = []
        for choice in 0..<request.choices {
            let thought = ReplyWriter.thinking(about: message, choice: choice, length: thinkingTokens)
            let reply = faults.applied(to: ReplyWriter.tokens(replyingTo: message, choice: choice, length: faults.replyTokens, preface: preface))
            let keptThought = min(limit, thought.count)
            let keptReply = min(limit - keptThought, reply.count)
            reasoning.append(Array(thought.prefix(keptThought)))
            choices.append(Array(reply.prefix(keptReply)))
            finishReasons.append(keptReply < reply.count ? "length" : "stop")
        }
    }

    /// What `[[sim:params]]` puts before the reply: the effective sampling values, the route and
    /// whether a chat template made the prompt.
    static func parameterSentence(_ request: GenerationRequest) -> String {
        let route = request.route?.rawValue ?? "native"
        let prompt = request.templated ? "chat-templated" : "raw, not templated"
        return "[\(request.sampling.summary) route=\(route) prompt=\(prompt)] "
    }

    /// Engine steps until every choice is done; each step adds one token to each unfinished choice.
    var steps: Int { choices.indices.map { reasoning[$0].count + choices[$0].count }.max() ?? 0 }

    var completionTokens: Int { choices.indices.map { reasoning[$0].count + choices[$0].count }.reduce(0, +) }

    /// Every update in engine order: step by step, and within a step choice by choice.
    var updates: [Update] {
        stride(from: 0, to: steps, by: 1).flatMap { index in
            choices.indices.compactMap { choice in update(at: index, of: choice) }
        }
    }

    private func update(at index: Int, of choice: Int) -> Update? {
        let thought = reasoning[choice]
        let answer = choices[choice]
        guard index < thought.count + answer.count else { return nil }
        let isReasoning = index < thought.count
        let token = isReasoning ? thought[index] : answer[index - thought.count]
        return Update(
            step: index + 1, choice: choice, token: token, isReasoning: isReasoning, isLast: index == thought.count + answer.count - 1)
    }
}
