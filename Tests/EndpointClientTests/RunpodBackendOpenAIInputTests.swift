import EndpointClient
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The job API with the OpenAI pass-through input (`openai_route` + `openai_input`) against the
/// simulator: `/run`, then `/stream` polls whose outputs are SSE strings in either worker generation.
@Suite struct RunpodBackendOpenAIInputTests {
    static func backend(_ server: SimulatorServer, model: String? = nil) -> RunpodBackend {
        let endpoint = Endpoint(baseURL: server.endpointURL(id: "t"), apiKey: nil, label: "simulator")
        let options = RunpodOptions(
            pollSchedule: PollSchedule(fastest: .milliseconds(10), slowest: .milliseconds(50)),
            inputFormat: .openAI(model: model)
        )
        return RunpodBackend(endpoint: endpoint, options: options)
    }

    static func withSimulator(_ format: WorkerOutputFormat, _ body: (SimulatorServer) async throws -> Void) async throws {
        let server = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: format))
        try await server.stopAfter { try await body(server) }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func streamsAChatReplyThroughRunAndStream(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { server in
            let request = CompletionRequest(messages: [Message(role: .user, content: "Hello there")])
            let (events, failure) = await RunpodBackendTests.collect(Self.backend(server).complete(request))
            #expect(failure == nil)
            guard case .queued(let jobID) = events.first else { Issue.record("no job id in \(events)"); return }
            #expect(!jobID.isEmpty)
            #expect(RunpodBackendTests.text(events).contains("“Hello there”"))
            #expect(events.contains { if case .usage = $0 { true } else { false } })
            #expect(events.last == .finished(.completed))
            let run = try #require(server.requests.first { $0.path.hasSuffix("/run") }?.json?["input"])
            #expect(run["openai_route"] == .string("/v1/chat/completions"))
            #expect(run["openai_input"]?["stream"] == .bool(true))
            #expect(run["openai_input"]?["stream_options"]?["include_usage"] == .bool(true))
            #expect(run["openai_input"]?["model"] == nil, "the worker fills in the model it serves")
            let polls = server.requests.filter { $0.path.contains("/stream/") }
            #expect(!polls.isEmpty && polls.allSatisfy { $0.path == "/v2/t/stream/\(jobID)" })
        }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func postsPromptModeToCompletionsAndSeesMaxTokensCutIt(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { server in
            let request = CompletionRequest(
                messages: [Message(role: .user, content: "Once upon a time")], mode: .prompt,
                parameters: SamplingParameters(overrides: ["max_tokens": 4]))
            let (events, failure) = await RunpodBackendTests.collect(
                Self.backend(server, model: "podchat/simulated-model").complete(request))
            #expect(failure == nil)
            #expect(!RunpodBackendTests.text(events).isEmpty)
            #expect(events.last == .finished(.length))
            let input = try #require(server.requests.first?.json?["input"])
            #expect(input["openai_route"] == .string("/v1/completions"))
            #expect(input["openai_input"]?["model"] == .string("podchat/simulated-model"))
        }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func reportsAModelTheWorkerDoesNotServe(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { server in
            let request = CompletionRequest(messages: [Message(role: .user, content: "Hi")])
            let (_, failure) = await RunpodBackendTests.collect(Self.backend(server, model: "nope").complete(request))
            let message = try #require(failure)
            #expect(message.contains("The model `nope` does not exist."))
        }
    }
}
