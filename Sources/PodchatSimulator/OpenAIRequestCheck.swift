import PodchatCore

/// The checks vLLM's OpenAI server makes on a request's values before it generates anything, in
/// its order: the request model's `mode="before"` validators, pydantic's field types,
/// `SamplingParams.verify`, then the renderer's context-length check. Each failure is the 400
/// vLLM answers.
enum OpenAIRequestCheck {
    /// What vLLM reports as the vocabulary size when `top_logprobs` is -1 ("all of them").
    static let vocabularySize = 151_936

    /// A `/v1/chat/completions` body: `logprobs` is a boolean, `top_logprobs` (0–20) needs it.
    static func chatProblem(_ body: [String: JSONValue]) -> VLLMError? {
        let top = body["top_logprobs"]?.intValue
        if let top, top < 0 && top != -1 {
            return .beforeValidator("`top_logprobs` must be a positive value or -1.", parameter: "top_logprobs", value: top, body: body)
        }
        let wantsLogprobs = body["logprobs"].map(GenerationRequest.isTruthy) ?? false
        if let top, top != 0, !wantsLogprobs {
            return .beforeValidator("when using `top_logprobs`, `logprobs` must be set to true.", parameter: "top_logprobs", value: nil, body: body)
        }
        if let given = body["logprobs"], pydanticBool(given) == nil { return .notBoolean("logprobs", given: given) }
        guard pydanticBool(body["logprobs"] ?? .null) == true else { return nil }
        return countProblem(top ?? 0)
    }

    /// A `/v1/completions` body: `logprobs` is the number of alternatives, 0–20.
    static func completionProblem(_ body: [String: JSONValue]) -> VLLMError? {
        guard let count = body["logprobs"]?.intValue else { return nil }
        if count < 0 && count != -1 {
            return .beforeValidator("`logprobs` must be a positive value or -1.", parameter: "logprobs", value: count, body: body)
        }
        return countProblem(count)
    }

    /// vLLM 0.27's context check: an output longer than the context, or a prompt that does not
    /// fit beside the output asked for (`requested` nil: none asked for).
    static func contextProblem(promptTokens: Int, requested: Int?, parameter: String, maxModelLen: Int) -> VLLMError? {
        if let requested, requested > maxModelLen {
            return .outputTooLong(parameter: parameter, maxTokens: requested, maxModelLen: maxModelLen)
        }
        let output = requested ?? 0
        guard promptTokens > maxModelLen - output else { return nil }
        return .promptTooLong(promptTokens: promptTokens, maxTokens: output, maxModelLen: maxModelLen)
    }

    /// The older vLLM's context check, as the legacy worker's OpenAI route makes it.
    static func legacyContextProblem(promptTokens: Int, requested: Int?, maxModelLen: Int) -> VLLMError? {
        let tooLong = requested.map { promptTokens + $0 > maxModelLen } ?? (promptTokens >= maxModelLen)
        return tooLong ? .legacyContextOverflow(promptTokens: promptTokens, maxTokens: requested, maxModelLen: maxModelLen) : nil
    }

    /// `SamplingParams.verify`: at most ``VLLMError/maxLogprobs`` alternatives; -1 means the
    /// whole vocabulary.
    private static func countProblem(_ count: Int) -> VLLMError? {
        let asked = count == -1 ? vocabularySize : count
        return asked > VLLMError.maxLogprobs ? .tooManyLogprobs(asked) : nil
    }

    /// A JSON value as pydantic's lax `bool | None` reads it (null: false); nil when it cannot.
    static func pydanticBool(_ value: JSONValue) -> Bool? {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let number) where number == 0 || number == 1: return number == 1
        case .string(let text):
            let word = text.lowercased()
            if ["true", "t", "yes", "y", "on", "1"].contains(word) { return true }
            if ["false", "f", "no", "n", "off", "0"].contains(word) { return false }
            return nil
        case .number, .array, .object: return nil
        }
    }
}
