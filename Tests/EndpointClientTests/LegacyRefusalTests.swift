import EndpointClient
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Before the worker generation is known, a request is shaped for today's proxy worker; a
/// legacy worker's SamplingParams refuses what it lacks (chat's `top_logprobs`) and fails the
/// job before generating. The backend then learns the generation and sends the job once more,
/// shaped for legacy, so the first message of a session with `logprobs` set still gets a reply.
@Suite struct LegacyRefusalTests {
    private static func request() -> CompletionRequest {
        CompletionRequest(
            messages: [Message(role: .user, content: "Which colour?")],
            parameters: SamplingParameters(overrides: ["max_tokens": 32, "logprobs": 2]))
    }

    @Test func aLegacyRefusalIsSentOnceMoreShapedForLegacy() async throws {
        try await RunpodBackendSimulatorTests.withSimulator(.legacy) { server, backend in
            #expect(backend.workerGeneration == nil)
            let (events, failure) = await RunpodBackendSimulatorTests.run(backend.complete(Self.request()))
            #expect(failure == nil)
            #expect(events.contains(.generation(.legacy)))
            #expect(backend.workerGeneration == .legacy)
            let runs = server.requests.filter { $0.path.hasSuffix("/run") }.compactMap { $0.json?["input"]?["sampling_params"] }
            try #require(runs.count == 2)
            #expect(runs[0]["top_logprobs"] == 2 && runs[0]["logprobs"] == true)
            #expect(runs[1]["top_logprobs"] == nil && runs[1]["logprobs"] == 2)
            #expect(server.jobs.first?.refusal == "Unexpected keyword argument 'top_logprobs'")
        }
    }

    @Test func onceTheGenerationIsKnownNothingIsSentTwice() async throws {
        try await RunpodBackendSimulatorTests.withSimulator(.legacy) { server, backend in
            _ = await RunpodBackendSimulatorTests.run(backend.complete(Self.request()))
            let (_, failure) = await RunpodBackendSimulatorTests.run(backend.complete(Self.request()))
            #expect(failure == nil)
            #expect(server.requests.filter { $0.path.hasSuffix("/run") }.count == 3, "one refused job, then one job per request")
        }
    }

    @Test func theProxyWorkerNeverSeesASecondJob() async throws {
        try await RunpodBackendSimulatorTests.withSimulator(.proxy) { server, backend in
            let (events, failure) = await RunpodBackendSimulatorTests.run(backend.complete(Self.request()))
            #expect(failure == nil)
            #expect(events.contains(.generation(.proxy)))
            #expect(server.requests.filter { $0.path.hasSuffix("/run") }.count == 1)
        }
    }
}
