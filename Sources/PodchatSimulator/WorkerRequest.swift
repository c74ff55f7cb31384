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

    /// How a worker of generation `options.outputFormat` reads `input`.
    init(input: [String: JSONValue], options: SimulatorOptions) {
        switch options.outputFormat {
        case .legacy: self = Self.legacy(input, options: options)
        case .proxy: self = Self.proxy(input, options: options)
        }
    }

    /// The text fault markers are read from.
    var markerText: String {
        generationRequest?.lastUserText ?? ""
    }

    /// What the model is asked to generate, if anything.
    var generationRequest: GenerationRequest? {
        switch self {
        case .legacy(let request, _), .chatCompletion(let request), .textCompletion(let request): request
        case .models, .rejected: nil
        }
    }

    /// The request log's entry for job `id`; thinking follows `faults`, then `options`.
    func record(id: String, faults: SimulatedFaults, options: SimulatorOptions) -> JobRecord {
        let request = generationRequest
        let thinking = request?.thinkingTokens(base: faults.thinkingTokens ?? options.thinkingTokens) ?? 0
        var record = JobRecord(
            id: id, route: request.map { $0.route?.rawValue ?? "native" }, chatTemplateApplied: request?.templated,
            sampling: request?.sampling, thinkingTokens: thinking, refusal: nil)
        switch self {
        case .models: record.route = "/v1/models"
        case .rejected(let error): record.refusal = error
        case .legacy, .chatCompletion, .textCompletion: break
        }
        return record
    }

    private static func legacy(_ input: [String: JSONValue], options: SimulatorOptions) -> WorkerRequest {
        if let route = input["openai_route"]?.stringValue {
            return openAI(route: route, body: input["openai_input"]?.objectValue ?? [:], format: .legacy, options: options)
        }
        guard let conversation = GenerationRequest.Conversation(input) else {
            return .rejected(VLLMError.noConversation.legacyEngineText)
        }
        if let problem = LegacySamplingParams.problem(with: input["sampling_params"]?.objectValue ?? [:]) {
            return .rejected(problem)
        }
        return .legacy(GenerationRequest(legacyInput: input, conversation: conversation), BatchPolicy(input: input))
    }

    /// The proxy worker's input shapes, in its order (`_normalize_job_input`, protocol.md §2.2).
    private static func proxy(_ input: [String: JSONValue], options: SimulatorOptions) -> WorkerRequest {
        if let body = input["openai_input"]?.objectValue, !body.isEmpty {
            let route = input["openai_route"]?.stringValue ?? "/v1/chat/completions"
            return openAI(route: route, body: body, format: .proxy, options: options)
        }
        if let route = input["openai_route"]?.stringValue, !route.isEmpty { return get(route) }
        if let route = input["route"]?.stringValue, !route.isEmpty {
            let body = input["body"]?.objectValue ?? [:]
            return body.isEmpty ? get(route) : openAI(route: route, body: body, format: .proxy, options: options)
        }
        // The shorthand becomes an OpenAI body: the sampling params as fields, plus stream and the conversation.
        var body = input["sampling_params"]?.objectValue ?? [:]
        body["stream"] = .bool(input["stream"].map(GenerationRequest.isTruthy) ?? false)
        if let messages = input["messages"] {
            body["messages"] = messages
            return openAI(route: "/v1/chat/completions", body: body, format: .proxy, options: options)
        }
        if let prompt = input["prompt"] {
            body["prompt"] = prompt
            return openAI(route: "/v1/completions", body: body, format: .proxy, options: options)
        }
        return .rejected(VLLMError.proxyWorkerError(VLLMError.proxyInputMessage))
    }

    /// A route the proxy worker GETs because no body came with it: only `/v1/models` answers.
    private static func get(_ route: String) -> WorkerRequest {
        route == "/v1/models" ? .models : .rejected(VLLMError.proxyWorkerError(VLLMError.methodNotAllowedMessage))
    }

    private static func openAI(
        route: String, body given: [String: JSONValue], format: WorkerOutputFormat, options: SimulatorOptions
    ) -> WorkerRequest {
        var body = given
        // The proxy worker names the served model when the body does not, before vLLM sees it.
        if format == .proxy, body["model"] == nil { body["model"] = .string(options.servedModel) }
        if route != "/v1/models", let error = VLLMError.unservedModel(in: body, servedModel: options.servedModel) {
            return rejected(error, format)
        }
        switch route {
        case "/v1/models":
            return .models
        case "/v1/chat/completions":
            guard let messages = body["messages"]?.arrayValue else { return rejected(.missing("messages"), format) }
            return generation(.chat, body: body, conversation: .messages(messages), format: format, options: options)
        case "/v1/completions":
            guard let prompt = body["prompt"], let conversation = GenerationRequest.Conversation(["prompt": prompt]) else {
                return rejected(.missing("prompt"), format)
            }
            return generation(.completions, body: body, conversation: conversation, format: format, options: options)
        default:
            return rejected(.unknownRoute(route), format)
        }
    }

    /// A chat or completion request, once it has passed vLLM's checks in their order.
    private static func generation(
        _ route: GenerationRequest.Route, body: [String: JSONValue], conversation: GenerationRequest.Conversation,
        format: WorkerOutputFormat, options: SimulatorOptions
    ) -> WorkerRequest {
        let valueProblem = route == .chat ? OpenAIRequestCheck.chatProblem(body) : OpenAIRequestCheck.completionProblem(body)
        if let valueProblem { return rejected(valueProblem, format) }
        let request = GenerationRequest(
            openAIBody: body, route: route, conversation: conversation, defaults: .modelDefaults(options.modelDefaults),
            maxModelLen: options.maxModelLen, defaultModel: options.servedModel)
        if let overflow = contextProblem(request, body: body, format: format, maxModelLen: options.maxModelLen) {
            return rejected(overflow, format)
        }
        return route == .chat ? .chatCompletion(request) : .textCompletion(request)
    }

    /// The context check of the worker's vLLM: 0.27's wording on the proxy worker, the older
    /// one on the legacy worker's OpenAI route.
    private static func contextProblem(
        _ request: GenerationRequest, body: [String: JSONValue], format: WorkerOutputFormat, maxModelLen: Int
    ) -> VLLMError? {
        // Completions count vLLM's default of 16 as asked for.
        let asked = request.route == .completions ? request.sampling.maxTokens : request.requestedMaxTokens
        switch format {
        case .legacy:
            return OpenAIRequestCheck.legacyContextProblem(promptTokens: request.promptTokens, requested: asked, maxModelLen: maxModelLen)
        case .proxy:
            let parameter = body["max_completion_tokens"]?.intValue != nil ? "max_completion_tokens" : "max_tokens"
            return OpenAIRequestCheck.contextProblem(
                promptTokens: request.promptTokens, requested: asked, parameter: parameter, maxModelLen: maxModelLen)
        }
    }

    private static func rejected(_ error: VLLMError, _ format: WorkerOutputFormat) -> WorkerRequest {
        .rejected(format == .legacy ? error.legacyRouteText : error.proxyText)
    }
}
