import EndpointClient
import PodchatCore
import Testing

/// Telling the worker generation from the shape of its first yield.
@Suite struct WorkerGenerationTests {
    static let native = WorkerInputFormat.native
    static let openAI = WorkerInputFormat.openAI(model: nil)

    @Test func rawSSETextToANativeInputIsTheProxyWorker() {
        #expect(WorkerGeneration(revealedBy: .string(WorkerFixtures.proxyChatSSE), inputFormat: Self.native) == .proxy)
        #expect(WorkerGeneration(revealedBy: .string("da"), inputFormat: Self.native) == .proxy)
    }

    @Test func tokenChoicesAreTheLegacyWorker() {
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.legacyChunks[0], inputFormat: Self.native) == .legacy)
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.legacyTwoChoiceChunks[0], inputFormat: Self.native) == .legacy)
        #expect(WorkerGeneration(revealedBy: .array(WorkerFixtures.legacyChunks), inputFormat: Self.native) == .legacy)
    }

    /// The legacy worker never answers a native input with an OpenAI object; the proxy worker
    /// does whenever the input does not stream.
    @Test func anOpenAIObjectToANativeInputIsTheProxyWorker() {
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.chatCompletion, inputFormat: Self.native) == .proxy)
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.textCompletion, inputFormat: Self.native) == .proxy)
    }

    /// Both generations answer the OpenAI route in OpenAI's shapes, SSE text included; only the
    /// legacy worker with `RAW_OPENAI_OUTPUT=0` yields a list of chunk objects.
    @Test func theOpenAIRouteRevealsOnlyTheLegacyChunkList() {
        #expect(WorkerGeneration(revealedBy: .string(WorkerFixtures.proxyChatSSE), inputFormat: Self.openAI) == nil)
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.chatCompletion, inputFormat: Self.openAI) == nil)
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.rawOpenAIList, inputFormat: Self.openAI) == .legacy)
    }

    @Test(arguments: [
        #"{"error":"Unexpected keyword argument 'use_beam_search'"}"#, #"[{"error":{"message":"boom"}}]"#, "null", "3",
        #"{"object":"list","data":[]}"#, "[]", #"["data: x"]"#,
    ])
    func errorsAndOtherValuesRevealNothing(_ output: String) {
        #expect(WorkerGeneration(revealedBy: WorkerFixtures.json(output), inputFormat: Self.native) == nil)
    }
}
