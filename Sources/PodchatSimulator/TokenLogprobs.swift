import PodchatCore

/// Made-up but stable log probabilities for the simulated tokens, in vLLM's two shapes: chat
/// `logprobs.content[{token, logprob, bytes, top_logprobs:[{token, logprob, bytes}]}]` and
/// completions `{tokens, token_logprobs, top_logprobs:[{token: logprob}], text_offset}`.
/// The chosen token is always the likeliest, so it heads its alternatives.
enum TokenLogprobs {
    /// Common tokens the alternatives are taken from.
    private static let candidates = [
        " the", " a", " and", ",", ".", " of", " to", " in", " is", " it", " that", " for", " on", " with", " as", " was",
        " at", " by", " this", " be", " or",
    ]

    /// The chosen token's log probability at `position`: between -0.01 and -2.0, four decimals.
    static func logprob(of token: String, at position: Int) -> Double {
        var hash: UInt64 = 1_469_598_103_934_665_603
        for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        hash = (hash ^ UInt64(position)) &* 1_099_511_628_211
        return -Double(1 + hash % 200) / 100
    }

    /// The `count` likeliest tokens at `position`, the chosen one first, each less likely than the last.
    static func alternatives(to token: String, at position: Int, count: Int) -> [(token: String, logprob: Double)] {
        let chosen = logprob(of: token, at: position)
        let others = candidates.filter { $0 != token }.prefix(max(0, count - 1))
        return [(token, chosen)].prefix(count) + others.enumerated().map { ($0.element, chosen - 0.75 * Double($0.offset + 1)) }
    }

    /// Chat: `{"content": [...]}` for `tokens`, the first at `position`, with `top` alternatives each.
    static func chat(_ tokens: [String], from position: Int, top: Int) -> JSONValue {
        let entries = tokens.enumerated().map { offset, token -> JSONValue in
            var entry = chatItem(token, logprob(of: token, at: position + offset))
            entry["top_logprobs"] = .array(alternatives(to: token, at: position + offset, count: top).map { .object(chatItem($0.token, $0.logprob)) })
            return .object(entry)
        }
        return .object(["content": .array(entries)])
    }

    /// Completions: the four parallel lists for `tokens`, the first at `position` and character
    /// `textOffset` of the generated text, with `top` alternatives each (at least the chosen one).
    static func completion(_ tokens: [String], from position: Int, textOffset: Int, top: Int) -> JSONValue {
        var offsets: [JSONValue] = []
        var offset = textOffset
        for token in tokens {
            offsets.append(.number(Double(offset)))
            offset += token.unicodeScalars.count
        }
        let tops = tokens.enumerated().map { index, token -> JSONValue in
            .object(
                Dictionary(alternatives(to: token, at: position + index, count: max(1, top)).map { ($0.token, .number($0.logprob)) }) { first, _ in
                    first
                })
        }
        return .object([
            "tokens": .array(tokens.map(JSONValue.string)),
            "token_logprobs": .array(tokens.enumerated().map { .number(logprob(of: $0.element, at: position + $0.offset)) }),
            "top_logprobs": .array(tops), "text_offset": .array(offsets),
        ])
    }

    private static func chatItem(_ token: String, _ logprob: Double) -> [String: JSONValue] {
        ["token": .string(token), "logprob": .number(logprob), "bytes": .array(token.utf8.map { .number(Double($0)) })]
    }
}
