import EndpointClient
import PodchatCore
import Testing

/// How the fields that differ by route and worker generation are shaped (protocol-2026.md).
@Suite struct WorkerInputShapeTests {
    static let messages = [Message(role: .user, content: "Hi")]

    static func j(_ text: String) -> JSONValue {
        WorkerFixtures.json(text)
    }

    static func parameters(_ values: [String: JSONValue]) throws -> SamplingParameters {
        try SamplingParameters.exactly(values)
    }

    static func native(
        _ values: [String: JSONValue], mode: ConversationMode = .chat, template: Bool = false,
        generation: WorkerGeneration? = nil
    ) throws -> JSONValue? {
        // Not streamed, so the streamed-usage field of a known proxy worker stays out of the way.
        let request = CompletionRequest(
            messages: messages, mode: mode, applyChatTemplate: template, parameters: try parameters(values), stream: false)
        return WorkerInput(request, generation: generation).json["sampling_params"]
    }

    static func openAI(_ values: [String: JSONValue], mode: ConversationMode = .chat, template: Bool = false) throws
        -> OpenAIRequest
    {
        OpenAIRequest(
            CompletionRequest(messages: messages, mode: mode, applyChatTemplate: template, parameters: try parameters(values)),
            model: nil)
    }

    // MARK: - Log probabilities

    /// An integer `logprobs` on a chat route fails validation: HTTP 400, the job FAILED.
    @Test(arguments: [WorkerGeneration?.none, .proxy])
    func asksAChatRouteOnTheProxyWorkerForTopLogprobs(_ generation: WorkerGeneration?) throws {
        #expect(try Self.native(["logprobs": 5], generation: generation) == Self.j(#"{"logprobs":true,"top_logprobs":5}"#))
        #expect(
            try Self.native(["logprobs": 0], mode: .prompt, template: true, generation: generation)
                == Self.j(#"{"logprobs":true,"top_logprobs":0}"#))
    }

    @Test func givesCompletionsAndTheLegacyWorkerTheInteger() throws {
        #expect(try Self.native(["logprobs": 5], mode: .prompt) == Self.j(#"{"logprobs":5}"#))
        // vLLM's SamplingParams, which the legacy worker builds from sampling_params, takes the integer.
        #expect(try Self.native(["logprobs": 5], generation: .legacy) == Self.j(#"{"logprobs":5}"#))
        #expect(try Self.native(["logprobs": 5], mode: .prompt, template: true, generation: .legacy) == Self.j(#"{"logprobs":5}"#))
    }

    @Test func shapesLogprobsInOpenAIBodiesByRoute() throws {
        let chat = try Self.openAI(["logprobs": 3])
        #expect(chat.route == "/chat/completions")
        #expect(chat.body["logprobs"] == true && chat.body["top_logprobs"] == 3)
        let templated = try Self.openAI(["logprobs": 3], mode: .prompt, template: true)
        #expect(templated.body["logprobs"] == true && templated.body["top_logprobs"] == 3)
        let completions = try Self.openAI(["logprobs": 3], mode: .prompt)
        #expect(completions.route == "/completions")
        #expect(completions.body["logprobs"] == 3 && completions.body["top_logprobs"] == nil)
        let pass = WorkerInput(
            CompletionRequest(messages: Self.messages, parameters: try Self.parameters(["logprobs": 3])),
            format: .openAI(model: nil))
        #expect(pass.json["openai_input"]?["logprobs"] == true)
    }

    // MARK: - Thinking switches

    @Test func putsEnableThinkingInChatTemplateKwargsForChatRoutesOnly() throws {
        let kwargs = Self.j(#"{"chat_template_kwargs":{"enable_thinking":false}}"#)
        #expect(try Self.native(["enable_thinking": false]) == kwargs)
        #expect(try Self.native(["enable_thinking": false], mode: .prompt, template: true) == kwargs)
        #expect(try Self.native(["enable_thinking": false], mode: .prompt) == nil, "a raw prompt has no template")
        #expect(try Self.openAI(["enable_thinking": true]).body["chat_template_kwargs"] == Self.j(#"{"enable_thinking":true}"#))
        #expect(try Self.openAI(["enable_thinking": true], mode: .prompt).body["chat_template_kwargs"] == nil)
        #expect(try Self.openAI(["enable_thinking": true]).body["enable_thinking"] == nil)
    }

    // MARK: - Worker generation

    /// vLLM streams usage only with `stream_options.include_usage`, a field that fails a job
    /// on the legacy worker: it is asked for once the worker is known to be the proxy.
    @Test func asksForStreamedUsageOnlyFromAKnownProxyWorker() throws {
        let streamed = CompletionRequest(messages: Self.messages)
        func streamOptions(_ request: CompletionRequest, _ generation: WorkerGeneration?) -> JSONValue? {
            WorkerInput(request, generation: generation).json["sampling_params"]?["stream_options"]
        }
        #expect(streamOptions(streamed, .proxy) == Self.j(#"{"include_usage":true}"#))
        #expect(streamOptions(streamed, nil) == nil)
        #expect(streamOptions(streamed, .legacy) == nil)
        #expect(streamOptions(CompletionRequest(messages: Self.messages, stream: false), .proxy) == nil)
    }

    /// The legacy worker builds `SamplingParams(**sampling_params)` and fails the job on a
    /// field it lacks; the proxy worker copies them all into the OpenAI body.
    @Test func leavesOutWhatTheLegacyWorkerWouldFailTheJobOn() throws {
        let values: [String: JSONValue] = [
            "reasoning_effort": "low", "enable_thinking": false, "use_beam_search": true, "length_penalty": 0.5,
            "early_stopping": true, "temperature": 0.7, "best_of": 2,
        ]
        #expect(try Self.native(values, generation: .legacy) == Self.j(#"{"temperature":0.7}"#))
        let proxy = try #require(try Self.native(values, generation: .proxy))
        #expect(proxy == (try Self.native(values)), "unknown counts as today's proxy worker")
        #expect(proxy["reasoning_effort"] == "low" && proxy["use_beam_search"] == true && proxy["length_penalty"] == 0.5)
        #expect(proxy["early_stopping"] == true && proxy["chat_template_kwargs"] == Self.j(#"{"enable_thinking":false}"#))
    }

    @Test func theOpenAIFormatIsTheSameForBothGenerations() throws {
        let request = CompletionRequest(messages: Self.messages, parameters: try Self.parameters(["use_beam_search": true]))
        let legacy = WorkerInput(request, format: .openAI(model: nil), generation: .legacy)
        #expect(legacy == WorkerInput(request, format: .openAI(model: nil), generation: .proxy))
        #expect(legacy.json["openai_input"]?["use_beam_search"] == true)
    }
}
