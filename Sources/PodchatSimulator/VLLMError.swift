import PodchatCore

/// An error as vLLM reports it, and the Python-repr strings a job's `error` field holds for it in
/// each worker generation (protocol.md §3.5).
struct VLLMError: Sendable {
    var message: String
    var type: String
    var param: String?
    var code: Int

    /// The error a `[[sim:fail]]` job ends with.
    static let simulatedFailure = VLLMError(
        message: "Simulated engine failure ([[sim:fail]])", type: "InternalServerError", param: nil, code: 500)

    /// The error for an OpenAI route the simulator does not serve.
    static func unknownRoute(_ route: String) -> VLLMError {
        VLLMError(message: "Route \(route) is not served by the simulator", type: "NotFoundError", param: nil, code: 404)
    }

    /// The error for a request body without its required conversation field.
    static func missing(_ field: String) -> VLLMError {
        VLLMError(message: "\(field) is required", type: "BadRequestError", param: field, code: 400)
    }

    /// vLLM's answer to a request for a model it does not serve (protocol.md §4.1).
    static func modelNotFound(_ model: String) -> VLLMError {
        VLLMError(message: "The model `\(model)` does not exist.", type: "NotFoundError", param: "model", code: 404)
    }

    /// The error for an OpenAI request `body` naming a model other than `servedModel`; nil when
    /// it names that one or none (the worker then fills in its own).
    static func unservedModel(in body: [String: JSONValue], servedModel: String) -> VLLMError? {
        guard let model = body["model"]?.stringValue, model != servedModel else { return nil }
        return modelNotFound(model)
    }

    /// The legacy worker's message when the input has neither `prompt` nor `messages`.
    static let noConversation = VLLMError(message: "prompt or messages is required", type: "BadRequestError", param: nil, code: 400)

    /// The proxy worker's message for an input it cannot route.
    static let proxyInputMessage =
        "Job input must contain one of: openai_input (+openai_route), route (+body), or prompt/messages."

    /// The proxy worker's message for a GET (a bare `openai_route`) on a route that only takes
    /// POST: vLLM's FastAPI answers 405 with its own body.
    static let methodNotAllowedMessage = #"vLLM returned HTTP 405: {"detail":"Method Not Allowed"}"#

    /// Legacy worker, native input: the engine nests the error once more.
    var legacyEngineText: String {
        PythonRepr.dict([("error", details)]).text
    }

    /// Legacy worker, OpenAI route: the error object itself.
    var legacyRouteText: String {
        details.text
    }

    /// Proxy worker: vLLM's HTTP error body, wrapped in a `worker_error`.
    var proxyText: String {
        Self.proxyWorkerError("vLLM returned HTTP \(code): " + bodyText)
    }

    /// The body vLLM answers with, byte for byte: Starlette's compact JSON of `ErrorResponse`,
    /// whose fields keep their declared order (message, type, param, code) and non-ASCII text.
    var bodyText: String {
        let fields = [
            ("message", JSONValue.string(message)), ("type", .string(type)), ("param", param.map(JSONValue.string) ?? .null),
            ("code", .number(Double(code))),
        ]
        return "{\"error\":{" + fields.map { "\"\($0.0)\":" + $0.1.encodedText }.joined(separator: ",") + "}}"
    }

    /// The proxy worker's own error for `message`.
    static func proxyWorkerError(_ message: String) -> String {
        PythonRepr.dict([("message", .string(message)), ("type", .string("worker_error")), ("code", .none)]).text
    }

    private var details: PythonRepr {
        .dict([
            ("message", .string(message)), ("type", .string(type)), ("param", param.map(PythonRepr.string) ?? .none),
            ("code", .int(code)),
        ])
    }
}
