import EndpointClient
import PodchatCore
import Testing

/// The backend learns the worker generation from each reply's output, remembers it across
/// requests, and shapes native inputs by it.
@Suite struct RunpodBackendGenerationTests {
    static let request = CompletionRequest(
        messages: [Message(role: .user, content: "Hi")],
        parameters: SamplingParameters(overrides: ["max_tokens": 20, "use_beam_search": true, "logprobs": 2]))

    static func body(_ request: TransportRequest) throws -> JSONValue {
        try JSONValue(parsing: try #require(request.body))
    }

    static func reply(_ chunks: [JSONValue]) -> [ScriptedTransport.Exchange] {
        [
            RunpodBackendTests.queued,
            .ok("GET /stream/j1", RunpodBackendTests.streamBody("COMPLETED", chunks)),
            .ok("GET /status/j1", RunpodBackendTests.statusBody("COMPLETED", chunks)),
        ]
    }

    @Test func assumesTheProxyWorkerThenRemembersTheLegacyWorkerItMet() async throws {
        let transport = ScriptedTransport(Self.reply(WorkerFixtures.legacyChunks) + Self.reply(WorkerFixtures.legacyChunks))
        let backend = RunpodBackendTests.backend(transport)
        #expect(backend.workerGeneration == nil)
        let (events, failure) = await RunpodBackendTests.collect(backend.complete(Self.request))
        #expect(failure == nil)
        #expect(events.filter { if case .generation = $0 { true } else { false } } == [.generation(.legacy)])
        #expect(backend.workerGeneration == .legacy)
        _ = await RunpodBackendTests.collect(backend.complete(Self.request))
        let runs = try transport.requests.filter { $0.url.hasSuffix("/run") }.map(Self.body)
        #expect(
            runs[0]["input"]?["sampling_params"]
                == WorkerFixtures.json(
                    #"{"logprobs":true,"max_tokens":20,"top_logprobs":2,"use_beam_search":true}"#))
        // The legacy worker would fail the job on use_beam_search and on a boolean logprobs.
        #expect(runs[1]["input"]?["sampling_params"] == WorkerFixtures.json(#"{"logprobs":2,"max_tokens":20}"#))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func startsFromARememberedGenerationAndLearnsWhenTheEndpointChanges() async throws {
        let proxy = [JSONValue.string(WorkerFixtures.proxyChatSSE)]
        let transport = ScriptedTransport(Self.reply(proxy) + Self.reply(proxy))
        let options = RunpodOptions(sleep: { _ in }, random: { 1 })
        let backend = RunpodBackend(
            endpoint: RunpodBackendTests.endpoint, transport: transport, options: options, workerGeneration: .legacy)
        #expect(backend.workerGeneration == .legacy)
        let (events, _) = await RunpodBackendTests.collect(backend.complete(Self.request))
        #expect(events.contains(.generation(.proxy)))
        #expect(backend.workerGeneration == .proxy, "the endpoint was redeployed with today's worker")
        _ = await RunpodBackendTests.collect(backend.complete(Self.request))
        let runs = try transport.requests.filter { $0.url.hasSuffix("/run") }.map(Self.body)
        #expect(runs[0]["input"]?["sampling_params"]?["use_beam_search"] == nil)
        #expect(runs[1]["input"]?["sampling_params"]?["use_beam_search"] == true)
    }

    @Test func copiesOfTheBackendShareWhatItLearned() async {
        let transport = ScriptedTransport(Self.reply(WorkerFixtures.legacyChunks))
        let backend = RunpodBackendTests.backend(transport)
        let copy = backend
        _ = await RunpodBackendTests.collect(backend.complete(Self.request))
        #expect(copy.workerGeneration == .legacy)
    }

    @Test func theOpenAIFormatLeavesTheGenerationUnknown() async {
        let transport = ScriptedTransport(Self.reply([.string(WorkerFixtures.proxyChatSSE)]))
        let options = RunpodOptions(inputFormat: .openAI(model: nil), sleep: { _ in }, random: { 1 })
        let backend = RunpodBackend(endpoint: RunpodBackendTests.endpoint, transport: transport, options: options)
        let (events, failure) = await RunpodBackendTests.collect(backend.complete(Self.request))
        #expect(failure == nil)
        #expect(!events.contains { if case .generation = $0 { true } else { false } })
        #expect(backend.workerGeneration == nil)
    }
}
