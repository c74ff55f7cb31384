import EndpointClient
import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The backend against the loopback simulator, which has production semantics: drain-once
/// `/stream`, `/cancel`, and faults injected by markers in the message.
@Suite struct RunpodBackendSimulatorTests {
    static let key = "sim-secret-key"

    /// Runs `body` with a fresh simulator and a backend pointed at it, then stops the simulator.
    static func withSimulator(
        _ format: WorkerOutputFormat = .legacy,
        apiKey: String? = key,
        _ body: (SimulatorServer, RunpodBackend) async throws -> Void
    ) async throws {
        let options = SimulatorOptions(tokenDelay: .milliseconds(2), outputFormat: format, requiredAPIKey: key)
        let server = try await SimulatorServer.start(port: 0, options: options)
        let endpoint = Endpoint(
            baseURL: server.endpointURL(id: "t"), apiKey: apiKey.map { environmentKey($0, variable: "SIM_KEY") }, label: "simulator")
        // Short waits keep the suite fast; the policies themselves are tested with a scripted transport.
        let pacing = RunpodOptions(
            pollSchedule: PollSchedule(fastest: .milliseconds(20), slowest: .milliseconds(100)),
            backoff: Backoff(initial: .milliseconds(20), maximum: .milliseconds(100)),
            maximumRetryAfter: .milliseconds(50)
        )
        let backend = RunpodBackend(endpoint: endpoint, apiKeyVariable: "SIM_KEY", options: pacing)
        try await server.stopAfter { try await body(server, backend) }
    }

    static func request(_ text: String, maxTokens: Double = 64) -> CompletionRequest {
        CompletionRequest(
            messages: [Message(role: .user, content: text)],
            parameters: SamplingParameters(overrides: ["max_tokens": .number(maxTokens)])
        )
    }

    static func run(_ stream: AsyncThrowingStream<CompletionEvent, any Error>) async
        -> (events: [CompletionEvent], failure: String?)
    {
        await RunpodBackendTests.collect(stream)
    }

    static func paths(_ server: SimulatorServer, _ operation: String) -> [String] {
        server.requests.map { "\($0.method) \($0.path)" }.filter { $0.contains("/\(operation)") }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func streamsAReplyToTheEnd(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { server, backend in
            let (events, failure) = await Self.run(backend.complete(Self.request("Hello there")))
            #expect(failure == nil)
            guard case .queued(let jobID) = events.first else { Issue.record("no job id in \(events)"); return }
            #expect(events.contains(.started))
            #expect(!RunpodBackendTests.text(events).isEmpty)
            #expect(events.last == .finished(.completed) || events.last == .finished(.length))
            #expect(Self.paths(server, "run") == ["POST /v2/t/run"])
            #expect(Self.paths(server, "stream").allSatisfy { $0 == "GET /v2/t/stream/\(jobID)" })
            #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.key)" })
        }
    }

    @Test func theRepliesRequestsAndLastAnswerAreReportedForTheInspector() async throws {
        try await Self.withSimulator { server, backend in
            let (events, failure) = await Self.run(backend.complete(Self.request("Count them")))
            #expect(failure == nil)
            let logs = events.compactMap { event -> JobExchanges? in if case .exchanges(let log) = event { log } else { nil } }
            let log = try #require(logs.first)
            #expect(logs.count == 1)
            // The same requests the server saw, by kind.
            let seen = server.requests.filter { !$0.path.hasSuffix("/health") }.map {
                "\($0.method) " + $0.path.replacingOccurrences(of: "/v2/t", with: "")
            }
            let kinds = Dictionary(grouping: seen) { "\($0.split(separator: "/").prefix(2).joined(separator: "/"))" }.mapValues(\.count)
            #expect(Dictionary(uniqueKeysWithValues: log.requests.map { ($0.kind, $0.count) }) == kinds)
            #expect(log.lastRequest == seen.last)
            let answer = try #require(log.lastAnswer)
            #expect(answer.contains(#""status" : "COMPLETED""#) && answer.contains("executionTime"))
        }
    }

    @Test func getsTheSameTextFromRunsyncAsFromTheStream() async throws {
        try await Self.withSimulator { _, backend in
            let streamed = await Self.run(backend.complete(Self.request("Same answer?")))
            let synced = await Self.run(backend.runSync(Self.request("Same answer?"), wait: .seconds(5)))
            #expect(synced.failure == nil)
            #expect(RunpodBackendTests.text(synced.events) == RunpodBackendTests.text(streamed.events))
            #expect(synced.events.last == streamed.events.last)
        }
    }

    @Test func reportsAFailedJobWithItsMessageAfterThePartialText() async throws {
        try await Self.withSimulator { _, backend in
            let (events, failure) = await Self.run(backend.complete(Self.request("Break [[sim:fail]]")))
            let message = try #require(failure)
            #expect(message.hasPrefix("The job failed: "))
            #expect(!message.contains("{'"), "the Python repr should be unwrapped: \(message)")
            #expect(!events.contains { if case .finished = $0 { true } else { false } })
        }
    }

    @Test func finishesATimedOutJobAsTimedOut() async throws {
        try await Self.withSimulator { _, backend in
            let (events, failure) = await Self.run(backend.complete(Self.request("Slow [[sim:timeout]]")))
            #expect(failure == nil)
            #expect(events.last == .finished(.timedOut))
        }
    }

    @Test func retriesAnHTTP500AndA429OnTheSameJob() async throws {
        try await Self.withSimulator { server, backend in
            let (events, failure) = await Self.run(
                backend.complete(Self.request("Flaky [[sim:http500]] [[sim:http429]]")))
            #expect(failure == nil)
            #expect(events.filter { if case .retrying = $0 { true } else { false } }.count == 2)
            #expect(events.last == .finished(.completed) || events.last == .finished(.length))
            #expect(Self.paths(server, "run").count == 1)
        }
    }

    @Test func explainsARejectedKeyWithoutShowingIt() async throws {
        try await Self.withSimulator(apiKey: "wrong-key-value") { _, backend in
            let (_, failure) = await Self.run(backend.complete(Self.request("Hi")))
            let message = try #require(failure)
            #expect(message.contains("SIM_KEY"))
            #expect(!message.contains("wrong-key-value"))
        }
    }

    @Test func cancelsTheJobWhenTheReaderIsCancelled() async throws {
        try await Self.withSimulator { server, backend in
            let request = Self.request("Take your time [[sim:slow=50]] [[sim:tokens=200]]", maxTokens: 500)
            let reader = Task { await Self.run(backend.complete(request)) }
            try await Self.waitUntil { Self.paths(server, "stream").count >= 2 }
            reader.cancel()
            let (events, _) = await reader.value
            #expect(!events.contains { if case .finished = $0 { true } else { false } })
            try await Self.waitUntil { !Self.paths(server, "cancel").isEmpty }
            #expect(Self.paths(server, "cancel").count == 1)
        }
    }

    /// Waits, a few seconds at most, for something the test cannot await directly.
    static func waitUntil(_ condition: () -> Bool) async throws {
        var attempts = 0
        while !condition(), attempts < 1000 {
            attempts += 1
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
