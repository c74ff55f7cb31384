import PodchatCore

/// How a request fits the model's context (`max_model_len`): the conversation's size in tokens,
/// estimated, and what the request gives up so that conversation plus reply fit, rather than
/// letting the server refuse it.
///
/// Tokens are estimated from text (about four characters a token, plus a few for each
/// message's template), scaled by how the last reply's reported usage compared with the same
/// estimate, so a model with a denser or looser tokenizer is measured by its own yardstick.
package struct ContextBudget: Sendable, Equatable {
    /// The model's context length in tokens.
    package let contextLength: Int
    /// Reported tokens per estimated token, from the last reply's usage (1 without one).
    package let calibration: Double

    /// The fewest reply tokens worth asking for; below that, older turns are left out instead.
    static let minimumReply = 256

    /// What a request must change to fit.
    package struct Plan: Sendable, Equatable {
        /// How many of the oldest messages (never the system prompt or the newest message) to leave out.
        package var leftOut = 0
        /// The lower `max_tokens` to send, when the set one does not fit.
        package var maxTokens: Int?
        /// The conversation's estimated size after leaving messages out.
        package var promptTokens: Int
    }

    package init(contextLength: Int, calibration: Double = 1) {
        self.contextLength = contextLength
        self.calibration = min(max(calibration, 0.25), 4)
    }

    /// The calibration that makes `messages`' estimate match `reportedTokens`.
    package static func calibration(messages: [Message], reportedTokens: Int) -> Double {
        let estimate = raw(messages)
        return estimate > 0 ? Double(reportedTokens) / Double(estimate) : 1
    }

    /// The estimated tokens of `messages` as a prompt.
    package func tokens(_ messages: [Message]) -> Int {
        Int((Double(Self.raw(messages)) * calibration).rounded(.up))
    }

    /// What sending `messages` with `maxTokens` (nil: unset, the server uses what is left)
    /// must give up: nothing (nil), a lower `max_tokens`, or the oldest messages.
    package func plan(for messages: [Message], maxTokens: Int?) -> Plan? {
        var kept = messages
        var leftOut = 0
        let wanted = maxTokens ?? Self.minimumReply
        let needed = min(wanted, Self.minimumReply)
        while contextLength - tokens(kept) < needed, let oldest = Self.oldestDroppable(in: kept) {
            kept.remove(at: oldest)
            leftOut += 1
        }
        let prompt = tokens(kept)
        let room = contextLength - prompt
        let lowered = maxTokens.flatMap { $0 > room ? max(1, room) : nil }
        guard leftOut > 0 || lowered != nil else { return nil }
        return Plan(leftOut: leftOut, maxTokens: lowered, promptTokens: prompt)
    }

    /// The messages the plan keeps: the system prompt, then all but the `leftOut` oldest.
    package static func kept(_ messages: [Message], leavingOut count: Int) -> [Message] {
        var kept = messages
        for _ in 0..<count {
            guard let oldest = oldestDroppable(in: kept) else { break }
            kept.remove(at: oldest)
        }
        return kept
    }

    /// The first message that is neither a system message nor the last one.
    private static func oldestDroppable(in messages: [Message]) -> Int? {
        messages.indices.dropLast().first { messages[$0].role != .system }
    }

    private static func raw(_ messages: [Message]) -> Int {
        messages.reduce(0) { $0 + ($1.content.unicodeScalars.count + 3) / 4 + 4 }
    }
}
