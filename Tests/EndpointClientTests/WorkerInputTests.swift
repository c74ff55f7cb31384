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

    @Test func buildsRawPromptInputWithoutTheChatTemplate() {
        let plain = WorkerInput(CompletionRequest(messages: Self.conversation, mode: .prompt, stream: false))
        #expect(plain.json["prompt"] == .string("Be brief.\n\nHello there"))
        #expect(plain.json["apply_chat_template"] == nil)
        #expect(plain.json["messages"] == nil)
        #expect(plain.json["stream"] == .bool(false))
    }

    /// The proxy worker ignores `apply_chat_template` and would complete the prompt raw; both
    /// generations template a `messages` list, so the prompt goes as one user message.
    @Test(arguments: [WorkerGeneration?.none, .proxy, .legacy])
    func sendsAPromptThatWantsTheChatTemplateAsOneUserMessage(_ generation: WorkerGeneration?) {
        let request = CompletionRequest(messages: Self.conversation, mode: .prompt, applyChatTemplate: true)
        let input = WorkerInput(request, generation: generation)
        #expect(input.json["messages"] == WorkerFixtures.json(#"[{"content":"Be brief.\n\nHello there","role":"user"}]"#))
        #expect(input.json["prompt"] == nil)
        #expect(input.json["apply_chat_template"] == nil)
    }

    /// A set value is sent even when it equals the documented default (the lead's contract):
    /// only unset parameters stay out.
    @Test func sendsEverySetParameterAndNothingUnset() throws {
        var parameters = SamplingParameters()
        try parameters.set(.maxTokens, exactly: SamplingParameter.maxTokens.documentedDefault)
        try parameters.set(.temperature, exactly: 1)
        let input = WorkerInput(CompletionRequest(messages: Self.conversation, parameters: parameters))
        #expect(input.json["sampling_params"] == WorkerFixtures.json(#"{"max_tokens":16,"temperature":1}"#))
        #expect(input.completionTokenLimit == 16)
        var unset = parameters
        unset.unset(.maxTokens)
        unset.unset(.temperature)
        #expect(WorkerInput(CompletionRequest(messages: Self.conversation, parameters: unset)).json["sampling_params"] == nil)
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
