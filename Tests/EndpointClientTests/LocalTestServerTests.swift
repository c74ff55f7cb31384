import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// podchat against the runpod SDK's local test server (`python handler.py --rp_serve_api`),
/// imitated by the simulator's `.sdkLocalServer` dialect, with no configuration: root paths,
/// POST-only polls, one blocking `/stream` that returns the whole job, no `/cancel`.
@Suite struct LocalTestServerTests {
    static func withLocalServer(
        tokenDelay: Duration = .milliseconds(1),
        inputFormat: WorkerInputFormat = .native,
        _ body: (SimulatorServer, RunpodBackend) async throws -> Void
    ) async throws {
        let options = SimulatorOptions(tokenDelay: tokenDelay, dialect: .sdkLocalServer)
        let server = try await SimulatorServer.start(port: 0, options: options)
        // As `--endpoint-url http://127.0.0.1:8000` would give it: the server root, no key.
        let endpoint = Endpoint(baseURL: server.baseURL, apiKey: nil, label: "local")
        let backend = RunpodBackend(endpoint: endpoint, options: RunpodOptions(inputFormat: inputFormat))
        try await server.stopAfter { try await body(server, backend) }
    }

    static func request(_ text: String) -> CompletionRequest {
        CompletionRequest(messages: [Message(role: .user, content: text)])
    }

    static func lines(_ server: SimulatorServer) -> [String] {
        server.requests.map { "\($0.method) \($0.path)" }
    }

    @Test func switchesPollsToPOSTAfterA405AndRemembersIt() async throws {
        try await Self.withLocalServer { server, backend in
            let first = await RunpodBackendTests.collect(backend.complete(Self.request("Hello there")))
            #expect(first.failure == nil)
            guard case .queued(let firstID) = first.events.first else { Issue.record("no job id"); return }
            #expect(firstID.hasPrefix("test-"))
            #expect(RunpodBackendTests.text(first.events).contains("“Hello there”"))
            #expect(first.events.last == .finished(.completed))

            let second = await RunpodBackendTests.collect(backend.complete(Self.request("Hello again")))
            guard case .queued(let secondID) = second.events.first else { Issue.record("no job id"); return }
            #expect(RunpodBackendTests.text(second.events).contains("“Hello again”"))
            // The check after each job finds it forgotten ("Job ID not found"): the text stands.
            #expect(
                Self.lines(server) == [
                    "POST /run", "GET /stream/\(firstID)", "POST /stream/\(firstID)", "POST /status/\(firstID)",
                    "POST /run", "POST /stream/\(secondID)", "POST /status/\(secondID)",
                ])
            #expect(second.failure == nil && second.events.last == .finished(.completed))
        }
    }

    @Test func chatsWithTheOpenAIInputFormat() async throws {
        try await Self.withLocalServer(inputFormat: .openAI(model: nil)) { _, backend in
            let (events, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Hello there")))
            #expect(failure == nil)
            #expect(RunpodBackendTests.text(events).contains("“Hello there”"))
            #expect(events.contains { if case .usage = $0 { true } else { false } })
            #expect(events.last == .finished(.completed))
        }
    }

    @Test func getsTheWholeReplyFromRunsync() async throws {
        try await Self.withLocalServer { server, backend in
            let (events, failure) = await RunpodBackendTests.collect(backend.runSync(Self.request("Hi"), wait: .seconds(5)))
            #expect(failure == nil)
            #expect(RunpodBackendTests.text(events).contains("“Hi”"))
            #expect(Self.lines(server) == ["POST /runsync?wait=5000"])
        }
    }

    @Test func reportsTheErrorAWorkerPutInTheOutputOfACompletedJob() async throws {
        try await Self.withLocalServer { _, backend in
            let (_, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Break [[sim:fail]]")))
            let message = try #require(failure)
            #expect(message.hasPrefix("The worker reported an error: Simulated engine failure"))
        }
    }

    @Test func triesToCancelAnAbandonedJobAndShrugsOffThe404() async throws {
        try await Self.withLocalServer(tokenDelay: .milliseconds(20)) { server, backend in
            let reader = Task { await RunpodBackendTests.collect(backend.complete(Self.request("Slow [[sim:tokens=300]]"))) }
            try await RunpodBackendSimulatorTests.waitUntil { Self.lines(server).contains { $0.hasPrefix("POST /stream/") } }
            reader.cancel()
            let (events, _) = await reader.value
            #expect(!events.contains { if case .finished = $0 { true } else { false } })
            await backend.settle()
            #expect(Self.lines(server).contains { $0.hasPrefix("POST /cancel/test-") })
        }
    }

    @Test func explainsAJobTheServerNoLongerKnows() async throws {
        let transport = ScriptedTransport(
            baseURL: "http://127.0.0.1:8000",
            [
                .ok("POST /run", #"{"id":"test-1","status":"IN_PROGRESS"}"#),
                .status("GET /stream/test-1", .methodNotAllowed, #"{"detail":"Method Not Allowed"}"#),
                .ok("POST /stream/test-1", #"{"id":"test-1","status":"FAILED","error":"Job ID not found"}"#),
            ])
        let endpoint = Endpoint(baseURL: "http://127.0.0.1:8000", apiKey: nil, label: "local")
        let backend = RunpodBackend(endpoint: endpoint, transport: transport, options: RunpodOptions(sleep: { _ in }))
        let (_, failure) = await RunpodBackendTests.collect(backend.complete(Self.request("Hi")))
        #expect(try #require(failure).hasPrefix("The job expired or is unknown to the endpoint"))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
        #expect(transport.requests.last?.timeout ?? .zero >= .seconds(300), "a blocking poll may take a whole generation")
    }
}
