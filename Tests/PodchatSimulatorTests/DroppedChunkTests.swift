import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("A stream chunk the worker fails to post ([[sim:dropchunk]])")
struct DroppedChunkTests {
    private typealias H = SimulatorHarness

    @Test("legacy: /stream never delivers the middle chunk, /status's aggregate still holds it")
    func legacy() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(10)), manualClock: true) { sim in
            let input = H.chat("Hi [[sim:dropchunk]]", ["stream": true, "sampling_params": .object(["max_tokens": 60])])
            let id = try await sim.run(input)
            let streamed = H.outputs(try await sim.drain(id, step: .milliseconds(10)))
            // Chunks of 1, 3, 9, 27 and 20 tokens; the third (usage 13) was never posted.
            #expect(streamed.map { $0["usage"]?["output"]?.intValue } == [1, 4, 40, 60])
            let status = try await sim.get("status/\(id)")
            #expect(status.jobStatus == "COMPLETED")
            let aggregate = H.statusOutputs(status)
            #expect(aggregate.map { $0["usage"]?["output"]?.intValue } == [1, 4, 13, 40, 60])
            #expect(H.legacyTexts(aggregate)[0].count > H.legacyTexts(streamed)[0].count)
            #expect(sim.server.outputSchedule(ofJob: id)?.count == 4, "the schedule lists what /stream delivers")
        }
    }

    @Test("proxy: the SSE text /stream delivers has a hole; the aggregate is whole")
    func proxy() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(10), outputFormat: .proxy), manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hello there [[sim:dropchunk]]", ["stream": true]))
            let streamed = H.sseText(try await sim.drain(id, step: .milliseconds(10)))
            let whole = H.statusOutputs(try await sim.get("status/\(id)")).compactMap(\.stringValue).joined()
            #expect(whole.hasPrefix(String(streamed.prefix(20))) && whole.count > streamed.count)
            let content = H.sseChunks(whole).compactMap { $0["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
            #expect(content == ReplyWriter.reply(to: "Hello there ", choice: 0))
        }
    }

    @Test("the local test server posts nothing over the network, so it loses nothing")
    func localServer() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, dialect: .sdkLocalServer)) { sim in
            let reply = try await sim.request("POST", "/runsync", body: H.envelope(H.chat("Hi [[sim:dropchunk]]", ["stream": true])))
            #expect(H.legacyTexts(H.statusOutputs(reply)) == [ReplyWriter.reply(to: "Hi ", choice: 0)])
        }
    }
}
