import EndpointClient
import PodchatCore
import Testing

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
