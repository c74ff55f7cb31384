import PodchatCore

extension ContextOverflow {
    /// The numbers in vLLM's context-length error, or nil when `message` is not one.
    ///
    /// vLLM's wording changed over the years; each names the context length, and most the
    /// prompt's tokens and the completion asked for:
    /// - "This model's maximum context length is N tokens. However, you requested M tokens
    ///   (P in the messages, C in the completion). …" (older)
    /// - "This model's maximum context length is N tokens. However, you requested P tokens in
    ///   the messages, …" (older, the prompt alone)
    /// - "This model's maximum context length is N tokens. However, your request has P input
    ///   tokens. …" (current, the prompt alone)
    /// - "'max_tokens' or 'max_completion_tokens' is too large: C. This model's maximum context
    ///   length is N tokens and your request has P input tokens (C > N - P)."
    /// - "You passed P input tokens and requested C output tokens. However, the model's context
    ///   length is only N tokens, resulting in a maximum input length of N-C tokens. …" (vLLM's
    ///   `VLLMValidationError` today, seen from real servers)
    /// - "max_tokens=C cannot be greater than max_model_len=max_total_tokens=N. Please request
    ///   fewer output tokens." (today, when `max_tokens` alone exceeds the context)
    init?(vLLMMessage message: String) {
        guard
            let length = Self.number(in: message, #/maximum context length is (\d+)/#)
                ?? Self.number(in: message, #/context length is only (\d+)/#)
                ?? Self.number(in: message, #/cannot be greater than max_model_len(?:=max_total_tokens)?=(\d+)/#)
        else { return nil }
        self.init(
            contextLength: length,
            promptTokens: Self.number(in: message, #/(\d+) in the messages/#)
                ?? Self.number(in: message, #/requested (\d+) tokens in the messages/#)
                ?? Self.number(in: message, #/request has (\d+) input tokens/#)
                ?? Self.number(in: message, #/You passed (\d+) input tokens/#),
            requestedCompletionTokens: Self.number(in: message, #/(\d+) in the completion/#)
                ?? Self.number(in: message, #/is too large: (\d+)/#)
                ?? Self.number(in: message, #/requested (\d+) output tokens/#)
                ?? Self.number(in: message, #/max_(?:completion_)?tokens=(\d+)/#))
    }

    /// What to do about it, in plain words, with the numbers the server gave.
    var advice: String {
        if promptTokens == nil, let asked = requestedCompletionTokens, asked >= contextLength {
            return "max_tokens (\(asked)) is more than the model's whole context of \(contextLength) tokens: lower "
                + "max_tokens (the panel or /set max_tokens N), leaving room for the conversation."
        }
        guard let room = roomForCompletion, !promptAloneTooLong else {
            let size =
                promptTokens.map { "it takes \($0) tokens, and the model's context holds \(contextLength)" }
                ?? "the model's context holds \(contextLength) tokens"
            return "The conversation is too long for the model (\(size)). Start a new conversation, or leave older "
                + "turns out."
        }
        let asked = requestedCompletionTokens.map { ", but max_tokens asks for \($0)" } ?? ""
        return "The reply does not fit in the model's context: the conversation takes \(promptTokens ?? 0) of its "
            + "\(contextLength) tokens, leaving \(room) for the reply\(asked). Lower max_tokens to \(room) or less, "
            + "or start a new conversation or leave older turns out."
    }

    private static func number(in text: String, _ pattern: Regex<(Substring, Substring)>) -> Int? {
        text.firstMatch(of: pattern).flatMap { Int($0.output.1) }
    }
}
