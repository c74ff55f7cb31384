import PodchatCore

/// A job input as the simulated worker understands it (protocol.md §2).
enum WorkerRequest: Sendable {
    /// Native legacy input, answered with token chunks.
    case legacy(GenerationRequest, BatchPolicy)
    /// `/v1/chat/completions`, answered in OpenAI format.
    case chatCompletion(GenerationRequest)
    /// `/v1/completions`, answered in OpenAI format.
    case textCompletion(GenerationRequest)
    /// `/v1/models`.
    case models
    /// An input the worker cannot serve: the job fails with this `error` string.
    case rejected(String)

    /// How a worker of generation `format` reads `input`.
    init(input: [String: JSONValue], format: WorkerOutputFormat, servedModel: String) {
        switch format {
        case .legacy: self = Self.legacy(input, servedModel: servedModel)
        case .proxy: self = Self.proxy(input, servedModel: servedModel)
        }
    }

    /// The text fault markers are read from.
    var markerText: String {
        switch self {
        case .legacy(let request, _), .chatCompletion(let request), .textCompletion(let request): request.lastUserText
        case .models, .rejected: ""
        }
    }

    private static func legacy(_ input: [String: JSONValue], servedModel: String) -> WorkerRequest {
        if let route = input["openai_route"]?.stringValue {
            return openAI(route: route, body: input["openai_input"]?.objectValue ?? [:], format: .legacy, servedModel: servedModel)
        }
        guard let conversation = GenerationRequest.Conversation(input) else {
            return .rejected(VLLMError.noConversation.legacyEngineText)
        }
        return .legacy(GenerationRequest(legacyInput: input, conversation: conversation), BatchPolicy(input: input))
    }

    /// The proxy worker's input shapes, in its order (protocol.md §2.2).
    private static func proxy(_ input: [String: JSONValue], servedModel: String) -> WorkerRequest {
        if input["openai_input"] != nil || input["openai_route"] != nil {
            let route = input["openai_route"]?.stringValue ?? "/v1/chat/completions"
            return openAI(route: route, body: input["openai_input"]?.objectValue ?? [:], format: .proxy, servedModel: servedModel)
        }
        if let route = input["route"]?.stringValue {
            return openAI(route: route, body: input["body"]?.objectValue ?? [:], format: .proxy, servedModel: servedModel)
        }
        // The shorthand becomes an OpenAI body: the sampling params as fields, plus stream and the conversation.
        var body = input["sampling_params"]?.objectValue ?? [:]
        body["stream"] = .bool(input["stream"].map(GenerationRequest.isTruthy) ?? false)
        if let messages = input["messages"] {
            body["messages"] = messages
            return openAI(route: "/v1/chat/completions", body: body, format: .proxy, servedModel: servedModel)
        }
        if let prompt = input["prompt"] {
            body["prompt"] = prompt
            return openAI(route: "/v1/completions", body: body, format: .proxy, servedModel: servedModel)
        }
        return .rejected(VLLMError.proxyWorkerError(VLLMError.proxyInputMessage))
    }

    private static func openAI(
        route: String, body: [String: JSONValue], format: WorkerOutputFormat, servedModel: String
    ) -> WorkerRequest {
        if route != "/v1/models", let error = VLLMError.unservedModel(in: body, servedModel: servedModel) {
            return rejected(error, format)
        }
        switch route {
        case "/v1/models":
            return .models
        case "/v1/chat/completions":
            guard let messages = body["messages"]?.arrayValue else { return rejected(.missing("messages"), format) }
            return .chatCompletion(
                GenerationRequest(openAIBody: body, conversation: .messages(messages), defaultModel: servedModel, defaultMaxTokens: nil))
        case "/v1/completions":
            guard let prompt = body["prompt"], let conversation = GenerationRequest.Conversation(["prompt": prompt]) else {
                return rejected(.missing("prompt"), format)
            }
            return .textCompletion(
                GenerationRequest(
                    openAIBody: body, conversation: conversation, defaultModel: servedModel,
                    defaultMaxTokens: GenerationRequest.completionsDefaultMaxTokens))
        default:
            return rejected(.unknownRoute(route), format)
        }
    }

    private static func rejected(_ error: VLLMError, _ format: WorkerOutputFormat) -> WorkerRequest {
        .rejected(format == .legacy ? error.legacyRouteText : error.proxyText)
    }
}
