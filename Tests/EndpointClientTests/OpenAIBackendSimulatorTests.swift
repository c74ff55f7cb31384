import EndpointClient
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Synchronization
import Testing

/// The OpenAI backend against the simulator's OpenAI route over loopback HTTP, which relays the
/// worker's SSE text as it is produced: in bursts (legacy worker) or split anywhere (proxy).
@Suite struct OpenAIBackendSimulatorTests {
    static let key = "sim-openai-key"
    static let servedModel = "podchat/simulated-model"

    /// Runs `body` with a fresh simulator and a backend for its OpenAI route, then stops the simulator.
    static func withSimulator(
        _ format: WorkerOutputFormat = .legacy,
        apiKey: String = key,
        model: String? = nil,
        tokenDelay: Duration = .milliseconds(1),
        _ body: (SimulatorServer, OpenAIBackend) async throws -> Void
    ) async throws {
        let options = SimulatorOptions(tokenDelay: tokenDelay, outputFormat: format, requiredAPIKey: key)
        let server = try await SimulatorServer.start(port: 0, options: options)
        let pacing = RunpodOptions(backoff: Backoff(initial: .milliseconds(10), maximum: .milliseconds(50)))
        // The job API's base URL: the backend finds the OpenAI route under it.
        let backend = OpenAIBackend(
            baseURL: server.endpointURL(id: "t"), apiKey: environmentKey(apiKey, variable: "SIM_KEY"), apiKeyVariable: "SIM_KEY", model: model,
            options: pacing)
        try await server.stopAfter { try await body(server, backend) }
    }

    static func request(_ text: String, mode: ConversationMode = .chat, _ parameters: [String: JSONValue] = [:])
        -> CompletionRequest
    {
        CompletionRequest(messages: [Message(role: .user, content: text)], mode: mode, parameters: SamplingParameters(overrides: parameters))
    }

    static func texts(_ events: [CompletionEvent]) -> [Int: String] {
        var texts: [Int: String] = [:]
        for case .delta(let choice, let text) in events { texts[choice, default: ""] += text }
        return texts
    }

    static func lines(_ server: SimulatorServer) -> [String] {
        server.requests.map { "\($0.method) \($0.path)" }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func streamsAChatReplyWithUsageAfterAskingForTheModelOnce(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { server, backend in
            let first = await RunpodBackendTests.collect(backend.complete(Self.request("Hello there")))
            let second = await RunpodBackendTests.collect(backend.complete(Self.request("Hello again")))
            #expect(first.failure == nil && second.failure == nil)
            #expect(first.events.first == .started)
            #expect(Self.texts(first.events)[0]?.contains("“Hello there”") == true)
            #expect(first.events.contains { if case .usage = $0 { true } else { false } })
            #expect(first.events.last == .finished(.completed))
            #expect(
                Self.lines(server) == [
                    "GET /v2/t/openai/v1/models", "POST /v2/t/openai/v1/chat/completions", "POST /v2/t/openai/v1/chat/completions",
                ])
            let body = try #require(server.requests.last?.json)
            #expect(body["model"] == .string(Self.servedModel))
            #expect(body["stream_options"]?["include_usage"] == .bool(true))
        }
    }

    @Test func streamsTwoChoicesInPromptModeCutOffAtMaxTokens() async throws {
        try await Self.withSimulator(.proxy, model: Self.servedModel) { server, backend in
            let request = Self.request("Once upon a time", mode: .prompt, ["n": 2, "max_tokens": 5])
            let (events, failure) = await RunpodBackendTests.collect(backend.complete(request))
            #expect(failure == nil)
            let texts = Self.texts(events)
            #expect(texts.count == 2 && texts[0] != texts[1])
            #expect(events.last == .finished(.length))
            // vLLM counts the completion tokens of all choices.
            #expect(events.contains { if case .usage(let usage) = $0 { usage.completionTokens == 10 } else { false } })
            #expect(Self.lines(server) == ["POST /v2/t/openai/v1/completions"])
        }
    }

    @Test func explainsARejectedKeyWithoutShowingIt() async throws {
        try await Self.withSimulator(apiKey: "wrong-key-value", model: Self.servedModel) { _, backend in
            let (_, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Hi")))
            let message = try #require(failure)
            #expect(message.contains("rejected the API key") && message.contains("SIM_KEY"))
            #expect(!message.contains("wrong-key-value"))
        }
    }

    @Test func quotesVLLMsMessageForAModelItDoesNotServe() async throws {
        try await Self.withSimulator(model: "org/other-model") { _, backend in
            let (events, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Hi")))
            #expect(events.isEmpty)
            let message = try #require(failure)
            #expect(message.hasSuffix("(HTTP 404): The model `org/other-model` does not exist."))
        }
    }

    /// On Runpod's OpenAI route a POST is a billed job that may run despite the 500: not resent.
    @Test func neverResendsACompletionThatGotAnHTTP500() async throws {
        try await Self.withSimulator(model: Self.servedModel) { server, backend in
            // Injected, not a marker in the message: the request would fail the same way anyway.
            server.injectFaults(SimulatedFaults(httpErrors: [500]))
            let (events, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Flaky")))
            #expect(events.isEmpty)
            let message = try #require(failure)
            #expect(message.contains("may have run it") && message.contains("r regenerates"))
            #expect(server.requests.count == 1)
        }
    }

    @Test func stopsReadingWhenTheReaderIsCancelled() async throws {
        try await Self.withSimulator(model: Self.servedModel, tokenDelay: .milliseconds(20)) { _, backend in
            let request = Self.request("Take your time [[sim:tokens=500]]", ["max_tokens": 600])
            let reader = Task {
                var events: [CompletionEvent] = []
                for try await event in backend.complete(request) {
                    events.append(event)
                    if case .delta = event { withUnsafeCurrentTask { $0?.cancel() } }
                }
                return events
            }
            let events = (try? await reader.value) ?? []
            #expect(!events.contains { if case .finished = $0 { true } else { false } })
        }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func handsAReceiverTheEventsTheStreamYields(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format, model: Self.servedModel) { _, backend in
            let request = Self.request("Hello there [[sim:tokens=60]]", ["seed": 7])
            let streamed = await RunpodBackendTests.collect(backend.complete(request))
            let received = Mutex<[CompletionEvent]>([])
            try await backend.complete(request) { event in received.withLock { $0.append(event) } }
            #expect(streamed.failure == nil)
            #expect(received.withLock { $0 } == streamed.events)
            #expect(streamed.events.last == .finished(.completed) || streamed.events.last == .finished(.length))
        }
    }

    @Test func handsAReceiverNothingAfterItsTaskIsCancelled() async throws {
        try await Self.withSimulator(model: Self.servedModel, tokenDelay: .milliseconds(5)) { _, backend in
            let request = Self.request("Take your time [[sim:tokens=500]]", ["max_tokens": 600])
            let received = Mutex<[CompletionEvent]>([])
            let reader = Task { try await backend.complete(request) { event in received.withLock { $0.append(event) } } }
            while received.withLock({ $0.count }) < 5 { try await Task.sleep(for: .milliseconds(5)) }
            reader.cancel()
            await #expect(throws: CancellationError.self) { try await reader.value }
            let countAtCancel = received.withLock { $0.count }
            try await Task.sleep(for: .milliseconds(200))
            #expect(received.withLock { $0.count } == countAtCancel, "no event after the task returned")
            #expect(!received.withLock { $0 }.contains { if case .finished = $0 { true } else { false } })
        }
    }

    @Test func listsTheServedModels() async throws {
        try await Self.withSimulator { _, backend in
            let models = try await backend.models()
            #expect(models == [Self.servedModel])
        }
    }
}
