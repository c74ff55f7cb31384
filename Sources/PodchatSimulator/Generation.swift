/// The simulated model's answer to one request: per choice, the tokens it generates and why it stops.
struct Generation: Sendable {
    /// One engine update: choice `choice` gains `token` at step `step` (counted from 1).
    struct Update: Sendable {
        var step: Int
        var choice: Int
        var token: String
        var isLast: Bool
    }

    var promptTokens: Int
    var choices: [[String]]
    /// Per choice, vLLM's `finish_reason`: "length" when `max_tokens` cut the reply, else "stop".
    var finishReasons: [String]

    /// The answer to `request`, with the length and content `faults` ask for.
    init(_ request: GenerationRequest, faults: SimulatedFaults) {
        let message = SimulatedFaults.strippingMarkers(from: request.lastUserText)
        promptTokens = request.promptTokens
        choices = []
        finishReasons = []
        for choice in 0..<request.choices {
            let reply = faults.applied(to: ReplyWriter.tokens(replyingTo: message, choice: choice, length: faults.replyTokens))
            let kept = min(request.maxTokens ?? reply.count, reply.count)
            choices.append(Array(reply.prefix(kept)))
            finishReasons.append(kept < reply.count ? "length" : "stop")
        }
    }

    /// Engine steps until every choice is done; each step adds one token to each unfinished choice.
    var steps: Int { choices.map(\.count).max() ?? 0 }

    var completionTokens: Int { choices.map(\.count).reduce(0, +) }

    /// Every update in engine order: step by step, and within a step choice by choice.
    var updates: [Update] {
        stride(from: 0, to: steps, by: 1).flatMap { index in
            choices.indices.compactMap { choice in
                let tokens = choices[choice]
                guard index < tokens.count else { return nil }
                return Update(step: index + 1, choice: choice, token: tokens[index], isLast: index == tokens.count - 1)
            }
        }
    }
}
