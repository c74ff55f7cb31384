import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("Legacy worker jobs")
struct LegacyJobTests {
    private typealias H = SimulatorHarness
    private let manual = SimulatorOptions(tokenDelay: .milliseconds(10), queueDelay: .milliseconds(50))

    @Test("/run then /stream polls: IN_QUEUE, IN_PROGRESS, COMPLETED, every token once")
    func streamLifecycle() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hello there", ["stream": .bool(true), "sampling_params": .object(["max_tokens": .number(500)])]))
            let polls = try await sim.drain(id, step: .milliseconds(10))
            let statuses = polls.compactMap(\.jobStatus)
            #expect(statuses.first == "IN_QUEUE")
            #expect(statuses.contains("IN_PROGRESS"))
            #expect(statuses.last == "COMPLETED")
            #expect(statuses.firstIndex(of: "IN_PROGRESS")! > statuses.lastIndex(of: "IN_QUEUE")!)
            let chunks = H.outputs(polls)
            #expect(H.legacyTexts(chunks) == [ReplyWriter.reply(to: "Hello there", choice: 0)])
            // Drained chunks are gone: another poll returns nothing new.
            let again = try await sim.get("stream/\(id)")
            #expect(again.json?["stream"] == .array([]))
            #expect(again.jobStatus == "COMPLETED")
        }
    }

    @Test("the output schedule says when /stream first delivers each chunk")
    func outputSchedule() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi", ["stream": .bool(true), "sampling_params": .object(["max_tokens": .number(60)])]))
            let schedule = try #require(sim.server.outputSchedule(ofJob: id))
            // 50 ms in the queue, then a chunk closes after token 1, 4, 13, 40 and 60, 10 ms each.
            #expect(schedule.map(\.readyAt) == [1, 4, 13, 40, 60].map { .milliseconds(50 + 10 * $0) })
            var delivered: [JSONValue] = []
            for entry in schedule {
                sim.clock?.advance(by: entry.readyAt - .milliseconds(1) - (sim.clock?.now ?? .zero))
                #expect(H.outputs([try await sim.get("stream/\(id)")]).isEmpty)
                sim.clock?.advance(by: .milliseconds(1))
                delivered += H.outputs([try await sim.get("stream/\(id)")])
            }
            #expect(delivered == schedule.map(\.output))
            #expect(sim.server.outputSchedule(ofJob: "no-such-job") == nil)
        }
    }

    @Test("the same lifecycle in real time")
    func realTime() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(1))) { sim in
            let id = try await sim.run(H.chat("Real time", ["stream": .bool(true)]))
            let polls = try await sim.drain(id)
            #expect(polls.last?.jobStatus == "COMPLETED")
            let expected = WordPieceTokenizer.tokens(of: ReplyWriter.reply(to: "Real time", choice: 0)).prefix(100).joined()
            #expect(H.legacyTexts(H.outputs(polls)) == [expected])
        }
    }

    @Test("streamed chunks grow 1, 3, 9, 27, then the remainder, with cumulative usage")
    func batching() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi", ["stream": .bool(true), "sampling_params": .object(["max_tokens": .number(60)])]))
            sim.clock?.advance(by: .seconds(10))
            let reply = try await sim.get("stream/\(id)")
            #expect(reply.jobStatus == "COMPLETED")
            let chunks = H.outputs([reply])
            #expect(chunks.map { $0["choices"]?[0]?["tokens"]?.arrayValue?.count } == [1, 3, 9, 27, 20])
            #expect(chunks.map { $0["usage"]?["output"]?.intValue } == [1, 4, 13, 40, 60])
            #expect(chunks.allSatisfy { $0["usage"]?["input"]?.intValue == chunks[0]["usage"]?["input"]?.intValue })
        }
    }

    @Test("the chunks of a running job appear step by step")
    func incremental() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi", ["stream": .bool(true)]))
            sim.clock?.advance(by: .milliseconds(50 + 40))  // queue, then 4 tokens
            let first = try await sim.get("stream/\(id)")
            #expect(first.jobStatus == "IN_PROGRESS")
            #expect(H.outputs([first]).map { $0["usage"]?["output"]?.intValue } == [1, 4])
            let status = try await sim.get("status/\(id)")
            #expect(status.jobStatus == "IN_PROGRESS" && status.json?["output"] == nil)
            #expect(status.json?["delayTime"]?.intValue == 50 && status.json?["executionTime"]?.intValue == 40)
        }
    }

    @Test("n=2: every chunk lists both choices, which differ")
    func twoChoices() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let input = H.chat("Hi", ["stream": .bool(true), "sampling_params": .object(["n": .number(2), "max_tokens": .number(30)])])
            let polls = try await sim.drain(try await sim.run(input), step: .milliseconds(30))
            let chunks = H.outputs(polls)
            #expect(chunks.allSatisfy { $0["choices"]?.arrayValue?.count == 2 })
            let texts = H.legacyTexts(chunks)
            #expect(texts.count == 2 && texts[0] != texts[1])
            #expect(chunks.first?["choices"]?[1]?["tokens"] == .array([]))  // first chunk: choice 0's first token only
            #expect(chunks.last?["usage"]?["output"]?.intValue == 60)
        }
    }

    @Test("stream:false yields one chunk with the whole text, cut at max_tokens")
    func nonStreamingTruncated() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": .number(5)])])))
            #expect(reply.jobStatus == "COMPLETED")
            let output = reply.json?["output"]?.arrayValue ?? []
            #expect(output.count == 1)
            let full = WordPieceTokenizer.tokens(of: ReplyWriter.reply(to: "Hi", choice: 0))
            #expect(output.first?["choices"]?[0]?["tokens"] == .array([.string(full.prefix(5).joined())]))
            #expect(output.first?["usage"]?["output"]?.intValue == 5)
            #expect(reply.json?["workerId"]?.stringValue != nil && reply.json?["delayTime"] != nil)
        }
    }

    @Test("/runsync with a short wait answers a running job without output; /status completes it")
    func runSyncWait() async throws {
        try await H.with(manual, manualClock: true) { sim in
            async let pending = sim.post("runsync?wait=100", H.envelope(H.chat("Hi")))
            while sim.clock?.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
            sim.clock?.advance(by: .milliseconds(100))
            let reply = try await pending
            #expect(reply.jobStatus == "IN_PROGRESS")
            #expect(reply.json?["output"] == nil)
            let id = try #require(reply.json?["id"]?.stringValue)
            #expect(id.hasPrefix("sync-"))
            sim.clock?.advance(by: .seconds(5))
            let status = try await sim.get("status/\(id)")
            #expect(status.jobStatus == "COMPLETED")
            #expect(H.legacyTexts(status.json?["output"]?.arrayValue ?? []).first?.isEmpty == false)
        }
    }

    @Test("/cancel stops a job; /stream then shows CANCELLED")
    func cancel() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi", ["stream": .bool(true)]))
            sim.clock?.advance(by: .milliseconds(100))
            let cancelled = try await sim.post("cancel/\(id)")
            #expect(cancelled.json == .object(["id": .string(id), "status": .string("CANCELLED")]))
            sim.clock?.advance(by: .seconds(10))
            let stream = try await sim.get("stream/\(id)")
            #expect(stream.jobStatus == "CANCELLED")
            let delivered = H.outputs([stream]).map { $0["usage"]?["output"]?.intValue }
            #expect(delivered == [1, 4])  // what was produced before the cancel, nothing after
            #expect(try await sim.get("status/\(id)").jobStatus == "CANCELLED")
        }
    }

    @Test("/health counts jobs by status")
    func health() async throws {
        try await H.with(manual, manualClock: true) { sim in
            _ = try await sim.run(H.chat("done"))
            sim.clock?.advance(by: .seconds(10))
            _ = try await sim.run(H.chat("failing [[sim:fail]]"))
            sim.clock?.advance(by: .seconds(10))
            _ = try await sim.run(H.chat("running"))
            sim.clock?.advance(by: .milliseconds(60))
            _ = try await sim.run(H.chat("queued"))
            let health = try await sim.get("health")
            #expect(
                health.json
                    == .object([
                        "jobs": .object([
                            "completed": .number(1), "failed": .number(1), "inProgress": .number(1), "inQueue": .number(1),
                            "retried": .number(0),
                        ]),
                        "workers": .object(["idle": .number(0), "running": .number(1)]),
                    ]))
        }
    }

    @Test("/retry re-runs a failed job under its id; /purge-queue drops queued jobs")
    func retryAndPurge() async throws {
        try await H.with(manual, manualClock: true) { sim in
            let failing = try await sim.run(H.chat("Hi [[sim:fail]]"))
            sim.clock?.advance(by: .seconds(10))
            #expect(try await sim.get("status/\(failing)").jobStatus == "FAILED")
            let retried = try await sim.post("retry/\(failing)")
            #expect(retried.json == .object(["id": .string(failing), "status": .string("IN_QUEUE")]))
            sim.clock?.advance(by: .seconds(10))
            #expect(try await sim.get("status/\(failing)").jobStatus == "COMPLETED")
            #expect(try await sim.post("retry/\(failing)").status == 400)

            let queued = try await sim.run(H.chat("Hi [[sim:queue=60000]]"))
            let purge = try await sim.post("purge-queue")
            #expect(purge.json == .object(["removed": .number(1), "status": .string("completed")]))
            #expect(try await sim.get("status/\(queued)").status == 404)
            #expect(try await sim.get("health").json?["jobs"]?["retried"] == .number(1))
        }
    }
}
