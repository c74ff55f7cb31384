import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("An OpenAI gateway that loses its answer after queueing the job")
struct GatewayFailureTests {
    private typealias H = SimulatorHarness
    private let options = SimulatorOptions(tokenDelay: .milliseconds(10))

    private func body(_ text: String, stream: Bool = false) -> String {
        JSONValue.object(["messages": [.object(["role": "user", "content": .string(text)])], "stream": .bool(stream)]).encodedText
    }

    @Test("[[sim:gateway502]]: the POST answers 502, yet its job was queued once and runs to the end")
    func status() async throws {
        try await H.with(options, manualClock: true) { sim in
            let reply = try await sim.post("openai/v1/chat/completions", body("Hi [[sim:gateway502]]"))
            #expect(reply.status == 502)
            #expect(reply.json?["error"] == "Bad Gateway (simulated by [[sim:gateway502]])")
            let jobs = sim.server.jobs
            #expect(jobs.count == 1 && jobs.first?.route == "/v1/chat/completions")
            sim.clock?.advance(by: .seconds(10))
            let status = try await sim.get("status/\(try #require(jobs.first?.id))")
            #expect(status.jobStatus == "COMPLETED")
        }
    }

    @Test("[[sim:gatewayreset]]: the connection closes mid-answer, streamed or not; each POST is one job")
    func reset() async throws {
        try await H.with(options, manualClock: true) { sim in
            await #expect(throws: (any Error).self) { try await sim.post("openai/v1/chat/completions", body("Hi [[sim:gatewayreset]]")) }
            await #expect(throws: (any Error).self) {
                try await sim.post("openai/v1/chat/completions", body("Hi [[sim:gatewayreset]]", stream: true))
            }
            #expect(sim.server.jobs.count == 2)
        }
    }

    @Test("injectFaults does the same for the next POST, and the job API is unaffected")
    func injected() async throws {
        try await H.with(options, manualClock: true) { sim in
            sim.server.injectFaults(SimulatedFaults(gatewayFailure: .status(504)))
            let lost = try await sim.post("openai/v1/chat/completions", body("Hi"))
            #expect(lost.status == 504)
            let run = try await sim.post("run", H.envelope(H.chat("Hi [[sim:gateway502]]")))
            #expect(run.status == 200)
            #expect(sim.server.jobs.count == 2)
        }
    }

    @Test("the markers are read: 5xx only, the last one wins")
    func parsing() {
        #expect(SimulatedFaults(scanning: "[[sim:gateway502]]").gatewayFailure == .status(502))
        #expect(SimulatedFaults(scanning: "[[sim:gateway404]]").gatewayFailure == nil)
        #expect(SimulatedFaults(scanning: "[[sim:gateway503]] [[sim:gatewayreset]]").gatewayFailure == .reset)
        #expect(SimulatedFaults(scanning: "[[sim:gateway502]]").httpErrors.isEmpty)
        let all = SimulatedFaults(scanning: "[[sim:params]][[sim:think=12]][[sim:traceback]][[sim:dropchunk]][[sim:gateway500]]")
        #expect(
            all == SimulatedFaults(statesParameters: true, thinkingTokens: 12, raisesInHandler: true, dropsChunk: true, gatewayFailure: .status(500)))
        #expect(all.withoutFailures == SimulatedFaults(statesParameters: true, thinkingTokens: 12))
        #expect(SimulatedFaults(scanning: "[[sim:think]]").thinkingTokens == SimulatedFaults.defaultThinkingTokens)
    }
}
