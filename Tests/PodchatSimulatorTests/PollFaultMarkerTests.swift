import PodchatCore
import Testing

@testable import PodchatSimulator

/// The fault markers that break single answers: what each does on the wire.
@Suite("Poll and submission fault markers")
struct PollFaultMarkerTests {
    private typealias H = SimulatorHarness
    private let options = SimulatorOptions(tokenDelay: .milliseconds(10))
    private let streaming: [String: JSONValue] = ["stream": .bool(true)]

    @Test("every marker is read, HTTP errors in order and with repeats")
    func parsing() {
        let text =
            "Go [[sim:http503x3]][[sim:stall=250]] [[sim:reset]][[sim:malformed]][[sim:expire]] [[sim:badutf8]]"
            + "[[sim:bigchunk]][[sim:runreset]][[sim:run429]] [[sim:http401]] [[sim:httpnope]][[sim:http200]]"
        let expected = SimulatedFaults(
            httpErrors: [503, 503, 503, 401], stall: .milliseconds(250), resets: true, malformed: true, expires: true,
            badUTF8: true, bigChunk: true, runResets: true, runRateLimited: true)
        #expect(SimulatedFaults(scanning: text) == expected)
        #expect(expected.pollFaults == [.http(503), .http(503), .http(503), .http(401), .stall(.milliseconds(250)), .reset, .malformed])
        #expect(expected.withoutFailures == SimulatedFaults(badUTF8: true, bigChunk: true))
    }

    @Test("[[sim:http503x3]] then [[sim:http401]]: a storm, then a refused key, then answers again")
    func storm() async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:http503x3]][[sim:http401]]", streaming))
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await sim.get("stream/\(id)").status) }
            #expect(statuses == [503, 503, 503, 401, 200])
            #expect(try await sim.get("status/\(id)").status == 200)
        }
    }

    @Test("[[sim:stall=1000]] holds the next poll, which drains only when it answers")
    func stall() async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:stall=1000]]", streaming))
            let poll = Task { try await sim.get("stream/\(id)") }
            while sim.clock?.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
            sim.clock?.advance(by: .seconds(10))
            let reply = try await poll.value
            #expect(reply.status == 200 && reply.jobStatus == "COMPLETED")
            #expect(H.legacyTexts(H.outputs([reply])) == [ReplyWriter.reply(to: "Hi ", choice: 0)])
        }
    }

    @Test(
        "[[sim:reset]] and [[sim:malformed]] wait for output, then lose it with a broken answer",
        arguments: [
            "reset", "malformed",
        ])
    func brokenAnswer(_ marker: String) async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:\(marker)]]", streaming))
            #expect(try await sim.get("stream/\(id)").jobStatus == "IN_PROGRESS", "no output yet: answered whole")
            sim.clock?.advance(by: .milliseconds(50))
            if marker == "reset" {
                await #expect(throws: (any Error).self) { try await sim.get("stream/\(id)") }
            } else {
                let broken = try await sim.get("stream/\(id)")
                #expect(broken.status == 200 && broken.json == nil && !broken.body.isEmpty)
            }
            sim.clock?.advance(by: .seconds(10))
            let rest = try await sim.get("stream/\(id)")
            let whole = ReplyWriter.reply(to: "Hi ", choice: 0)
            let delivered = H.legacyTexts(H.outputs([rest]))[0]
            #expect(whole.hasSuffix(delivered) && delivered.count < whole.count, "the start was drained and lost")
            let status = try await sim.get("status/\(id)")
            #expect(H.legacyTexts(status.json?["output"]?.arrayValue ?? []) == [whole])
        }
    }

    @Test("[[sim:expire]] deletes the job once a poll saw it running")
    func expire() async throws {
        try await H.with(options, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi [[sim:expire]]", streaming))
            #expect(try await sim.get("stream/\(id)").jobStatus == "IN_PROGRESS")
            #expect(try await sim.get("stream/\(id)").status == 404)
            #expect(try await sim.get("status/\(id)").status == 404)
        }
    }

    @Test("[[sim:badutf8]] puts bytes that are not UTF-8 into the answers")
    func badUTF8() async throws {
        try await H.with { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:badutf8]]")))
            #expect(reply.status == 200)
            #expect(String(validating: reply.bytes, as: UTF8.self) == nil)
            #expect(reply.bytes.firstRange(of: BrokenUTF8.bytes) != nil)
            let texts = H.legacyTexts(reply.json?["output"]?.arrayValue ?? [])
            #expect(texts.first?.contains("\u{FFFD}") == true)
        }
    }

    @Test("[[sim:bigchunk]] makes one chunk of about 2 MB")
    func bigChunk() async throws {
        try await H.with { sim in
            let id = try await sim.run(H.chat("Hi [[sim:bigchunk]]", streaming))
            let chunks = H.outputs(try await sim.drain(id))
            #expect(chunks.first?.encodedBytes.count ?? 0 > 2_000_000)
            #expect(chunks.dropFirst().allSatisfy { $0.encodedBytes.count < 10_000 })
        }
    }

    @Test("[[sim:runreset]] queues the job but cuts the answer to /run")
    func runReset() async throws {
        try await H.with(options, manualClock: true) { sim in
            await #expect(throws: (any Error).self) { try await sim.post("run", H.envelope(H.chat("Hi [[sim:runreset]]"))) }
            let health = try await sim.get("health")
            #expect(health.json?["jobs"]?["inProgress"] == .number(1))
        }
    }

    @Test("[[sim:run429]] refuses a /run once, and takes it when it is sent again")
    func run429() async throws {
        try await H.with(options, manualClock: true) { sim in
            let body = H.envelope(H.chat("Hi [[sim:run429]]"))
            let refused = try await sim.post("run", body)
            #expect(refused.status == 429 && refused.header("Retry-After") == "1")
            #expect(try await sim.get("health").json?["jobs"]?["inProgress"] == .number(0))
            #expect(try await sim.post("run", body).jobStatus == "IN_QUEUE")
        }
    }
}
