import EndpointClient
import PodchatCore
import Testing

@Suite struct WorkerInputTests {
    static let conversation = [
        Message(role: .system, content: "Be brief."),
        Message(role: .user, content: "Hello there"),
    ]

    @Test func buildsChatInputWithMessagesSamplingParamsAndStream() {
        var parameters = SamplingParameters()
        parameters.set(.temperature, to: 0.5)
        let input = WorkerInput(CompletionRequest(messages: Self.conversation, parameters: parameters))
        let expected =
            #"{"messages":[{"content":"Be brief.","role":"system"},{"content":"Hello there","role":"user"}],"#
            + #""sampling_params":{"max_tokens":1024,"temperature":0.5},"stream":true}"#
        #expect(input.json.encodedText == expected)
        #expect(input.completionTokenLimit == 1024)
    }

    @Test func buildsPromptInputWithChatTemplateOnlyWhenAsked() {
        let plain = WorkerInput(CompletionRequest(messages: Self.conversation, mode: .prompt, stream: false))
        #expect(plain.json["prompt"] == .string("Be brief.\n\nHello there"))
        #expect(plain.json["apply_chat_template"] == nil)
        #expect(plain.json["messages"] == nil)
        #expect(plain.json["stream"] == .bool(false))
        let templated = WorkerInput(
            CompletionRequest(messages: Self.conversation, mode: .prompt, applyChatTemplate: true)
        )
        #expect(templated.json["apply_chat_template"] == .bool(true))
    }

    @Test func sendsOnlyTheSamplingParametersThatAreSet() throws {
        var parameters = SamplingParameters()
        try parameters.set(.maxTokens, exactly: SamplingParameter.maxTokens.documentedDefault)
        let input = WorkerInput(CompletionRequest(messages: Self.conversation, parameters: parameters))
        #expect(input.json["sampling_params"] == nil)
        #expect(input.completionTokenLimit == nil)
    }

    @Test func multipliesTheTokenLimitByTheNumberOfChoices() {
        let parameters = SamplingParameters(overrides: ["max_tokens": 6, "n": 2])
        let input = WorkerInput(CompletionRequest(messages: Self.conversation, parameters: parameters))
        #expect(input.completionTokenLimit == 12)
    }

    @Test func wrapsTheInputInAnEnvelopeWithAnOptionalPolicy() {
        let input = WorkerInput(CompletionRequest(messages: [Message(role: .user, content: "Hi")], stream: false))
        #expect(input.envelope() == .object(["input": input.json]))
        let policy = JobPolicy(executionTimeout: .seconds(900), timeToLive: .seconds(3600), lowPriority: false)
        let expected = #"{"executionTimeout":900000,"lowPriority":false,"ttl":3600000}"#
        #expect(input.envelope(policy: policy)["policy"]?.encodedText == expected)
        #expect(input.envelope(policy: JobPolicy())["policy"] == nil)
    }
}

@Suite struct WorkerInputBatchingTests {
    @Test func batchingFieldsSitBesideTheSamplingParameters() throws {
        var parameters = SamplingParameters()
        let maxBatch = try #require(SamplingParameter.named("max_batch_size"))
        try parameters.set(maxBatch, exactly: 4)
        let input = WorkerInput(CompletionRequest(messages: [Message(role: .user, content: "hi")], parameters: parameters))
        #expect(input.json["max_batch_size"] == .number(4))
        #expect(input.json["sampling_params"]?["max_batch_size"] == nil)
    }

    @Test func theOpenAIFormatCarriesNoBatchingFields() throws {
        var parameters = SamplingParameters()
        let maxBatch = try #require(SamplingParameter.named("max_batch_size"))
        try parameters.set(maxBatch, exactly: 4)
        let request = CompletionRequest(messages: [Message(role: .user, content: "hi")], parameters: parameters)
        let input = WorkerInput(request, format: .openAI(model: nil))
        #expect(input.json["max_batch_size"] == nil)
        #expect(input.json["openai_input"]?["max_batch_size"] == nil)
    }
}
