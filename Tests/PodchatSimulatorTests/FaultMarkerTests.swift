import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("Fault markers")
struct FaultMarkerTests {
    private typealias H = SimulatorHarness
    private let options = SimulatorOptions(tokenDelay: .milliseconds(10))
    private let streaming: [String: JSONValue] = ["stream": .bool(true)]

    @Test("[[sim:fail]]: some chunks, then FAILED with a Python-repr error and no output")
    func fail() async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:fail]]", streaming))
            let polls = try await sim.drain(id, step: .milliseconds(10))
            let last = try #require(polls.last?.json)
            #expect(last["status"] == .string("FAILED"))
            #expect(last["error"]?.stringValue?.hasPrefix("{'error': {'message': 'Simulated engine failure ([[sim:fail]])'") == true)
            let chunks = H.outputs(polls)
            #expect(!chunks.isEmpty)
            let full = ReplyWriter.reply(to: "Hi ", choice: 0)
            let streamed = H.legacyTexts(chunks)[0]
            #expect(full.hasPrefix(streamed) && streamed.count < full.count)
            sim.clock?.advance(by: .seconds(10))
            let status = try await sim.get("status/\(id)")
            #expect(status.jobStatus == "FAILED" && status.json?["output"] == nil && status.json?["error"] != nil)
        }
    }

    @Test("[[sim:timeout]] ends TIMED_OUT")
    func timeout() async throws {
        try await H.with(options, manualClock: true) { sim in
            let polls = try await sim.drain(try await sim.run(H.chat("[[sim:timeout]] Hi", streaming)), step: .milliseconds(10))
            #expect(polls.last?.jobStatus == "TIMED_OUT")
        }
    }

    @Test("[[sim:http429]] and [[sim:http500]]: the next polls fail once each, in marker order, and no chunk is lost")
    func httpErrors() async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:http429]][[sim:http500]]", streaming))
            sim.clock?.advance(by: .seconds(10))
            let first = try await sim.get("stream/\(id)")
            #expect(first.status == 429)
            #expect(first.header("Retry-After") == "1")
            #expect(try await sim.get("stream/\(id)").status == 500)
            let recovered = try await sim.get("stream/\(id)")
            #expect(recovered.status == 200 && recovered.jobStatus == "COMPLETED")
            #expect(H.legacyTexts(H.outputs([recovered])) == [ReplyWriter.reply(to: "Hi ", choice: 0)])
        }
    }

    @Test("[[sim:queue=3000]] keeps the job queued for 3 s; [[sim:slow=200]] spaces tokens 200 ms")
    func timing() async throws {
        try await H.with(options, manualClock: true) { sim in
            let queued = try await sim.run(H.chat("Hi [[sim:queue=3000]]"))
            sim.clock?.advance(by: .milliseconds(2990))
            #expect(try await sim.get("status/\(queued)").jobStatus == "IN_QUEUE")
            sim.clock?.advance(by: .milliseconds(10))
            #expect(try await sim.get("status/\(queued)").jobStatus == "IN_PROGRESS")

            let slow = try await sim.run(H.chat("Hi [[sim:slow=200]]", ["stream": .bool(true), "max_batch_size": .number(1)]))
            sim.clock?.advance(by: .seconds(1))
            #expect(H.outputs([try await sim.get("stream/\(slow)")]).count == 5)
        }
    }

    @Test("[[sim:tokens=2000]] makes a reply of exactly 2000 tokens")
    func tokens() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let input = H.chat("Benchmark [[sim:tokens=2000]]", ["sampling_params": .object(["max_tokens": .number(4096)])])
            let reply = try await sim.post("runsync", H.envelope(input))
            #expect(reply.json?["output"]?[0]?["usage"]?["output"] == .number(2000))
        }
    }

    @Test("injectFaults makes the next job misbehave, and only that one")
    func injected() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            sim.server.injectFaults(SimulatedFaults(fails: true))
            let first = try await sim.post("runsync", H.envelope(H.chat("Hi")))
            let second = try await sim.post("runsync", H.envelope(H.chat("Hi")))
            #expect(first.jobStatus == "FAILED")
            #expect(second.jobStatus == "COMPLETED")
        }
    }
}
