import PodchatCore

/// The errors vLLM answers a request's values with, in the wording of its sources: a
/// `VLLMValidationError` (whose `str()` appends `(parameter=…, value=…)`) becomes a
/// `BadRequestError` naming the parameter; a pydantic validation error becomes `Bad Request`
/// with the Python repr of pydantic's error list as the message.
extension VLLMError {
    /// The most alternatives per token vLLM gives (`--max-logprobs`, default 20).
    static let maxLogprobs = 20

    /// vLLM's `VLLMValidationError`, as `create_error_response` turns it into a 400.
    static func validation(_ message: String, parameter: String?, value: Int? = nil) -> VLLMError {
        let extras = [parameter.map { "parameter=\($0)" }, value.map { "value=\($0)" }].compactMap(\.self)
        let text = extras.isEmpty ? message : "\(message) (\(extras.joined(separator: ", ")))"
        return VLLMError(message: text, type: "BadRequestError", param: parameter, code: 400)
    }

    /// A pydantic error list, as vLLM's `RequestValidationError` handler reports it: FastAPI's
    /// `str(exc)` is the list's repr, so the message is just that.
    static func pydantic(_ errors: [PythonRepr], param: String? = nil) -> VLLMError {
        VLLMError(message: PythonRepr.list(errors).text, type: "Bad Request", param: param, code: 400)
    }

    /// A chat `logprobs` that is not a boolean (e.g. `5`): pydantic's `bool_parsing` error.
    static func notBoolean(_ field: String, given: JSONValue) -> VLLMError {
        pydantic([
            .dict([
                ("type", .string("bool_parsing")), ("loc", .tuple([.string("body"), .string(field)])),
                ("msg", .string("Input should be a valid boolean, unable to interpret input")), ("input", PythonRepr(json: given)),
            ])
        ])
    }

    /// A `VLLMValidationError` raised by one of the request model's `mode="before"` validators:
    /// pydantic wraps it as a `value_error` on the whole body, and vLLM takes the parameter
    /// from the wrapped error.
    static func beforeValidator(_ message: String, parameter: String, value: Int?, body: [String: JSONValue]) -> VLLMError {
        let raised = validation(message, parameter: parameter, value: value).message
        return pydantic(
            [
                .dict([
                    ("type", .string("value_error")), ("loc", .tuple([.string("body")])), ("msg", .string("Value error, " + raised)),
                    ("input", PythonRepr(json: .object(body))),
                    ("ctx", .dict([("error", .raw("VLLMValidationError(\(PythonRepr.quoted(message))))"))])),
                ])
            ], param: parameter)
    }

    /// More alternatives per token than the server allows (`SamplingParams.verify`).
    static func tooManyLogprobs(_ count: Int) -> VLLMError {
        validation(
            "Requested sample logprobs of \(count), which is greater than max allowed: \(maxLogprobs)", parameter: "logprobs",
            value: count)
    }

    /// vLLM 0.27's refusal of a prompt that leaves too little room for the output
    /// (`TokenizeParams._token_len_check`).
    static func promptTooLong(promptTokens: Int, maxTokens: Int, maxModelLen: Int) -> VLLMError {
        validation(
            "You passed \(promptTokens) input tokens and requested \(maxTokens) output tokens. However, the model's context "
                + "length is only \(maxModelLen) tokens, resulting in a maximum input length of \(maxModelLen - maxTokens) "
                + "tokens. Please reduce the length of the input prompt.", parameter: "input_tokens", value: promptTokens)
    }

    /// vLLM 0.27's refusal of an output longer than the whole context (`TokenizeParams.__post_init__`;
    /// the missing space and the doubled name are vLLM's own).
    static func outputTooLong(parameter: String, maxTokens: Int, maxModelLen: Int) -> VLLMError {
        validation(
            "\(parameter)=\(maxTokens) cannot be greater than max_model_len=max_total_tokens=\(maxModelLen). "
                + "Please request fewer output tokens.", parameter: parameter, value: maxTokens)
    }

    /// The older vLLM's wording (`OpenAIServing._validate_input`), which the legacy worker's
    /// OpenAI route answers with; `maxTokens` nil when the request set none.
    static func legacyContextOverflow(promptTokens: Int, maxTokens: Int?, maxModelLen: Int) -> VLLMError {
        guard let maxTokens else {
            return VLLMError(
                message: "This model's maximum context length is \(maxModelLen) tokens. However, you requested "
                    + "\(promptTokens) tokens in the messages, Please reduce the length of the messages.",
                type: "BadRequestError", param: nil, code: 400)
        }
        return VLLMError(
            message: "This model's maximum context length is \(maxModelLen) tokens. However, you requested "
                + "\(promptTokens + maxTokens) tokens (\(promptTokens) in the messages, \(maxTokens) in the completion). "
                + "Please reduce the length of the messages or completion.",
            type: "BadRequestError", param: nil, code: 400)
    }
}
