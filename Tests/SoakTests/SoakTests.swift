import EndpointClient
import Foundation
import PodchatApp
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// Issue 8's soak: many consecutive turns against the simulator with a fault drawn at random
/// (fixed seed) for each, through the same state, effect runner, Runpod client and file store
/// the chat window uses. `PODCHAT_SOAK_TURNS` sets the length (CI runs 60; the documented long
/// run is 300).
@Suite struct SoakTests {
    /// The faults a turn may get, with what its end must look like.
    private static let faults: [(marker: String, ends: Set<String>)] = [
        ("", ["complete"]), ("", ["complete"]), ("", ["complete"]),
        ("[[sim:http429x4]]", ["complete"]), ("[[sim:http503x2]]", ["complete"]), ("[[sim:http500]]", ["complete"]),
        ("[[sim:reset]]", ["complete"]), ("[[sim:malformed]]", ["complete"]), ("[[sim:stall=150]]", ["complete"]),
        ("[[sim:badutf8]]", ["complete"]), ("[[sim:queue=120]]", ["complete"]), ("[[sim:run429]]", ["complete"]),
        ("[[sim:fail]]", ["failed"]), ("[[sim:timeout]]", ["timedOut"]), ("[[sim:runreset]]", ["failed", "complete"]),
        ("[[sim:expire]]", ["failed", "complete"]), ("cancel", ["cancelled"]), ("[[sim:tokens=300]]", ["complete", "truncated"]),
    ]

    @Test func turnsWithRandomFaultsEndClearlyLoseNothingAndNeverSubmitTwice() async throws {
        let turns = Int(ProcessInfo.processInfo.environment["PODCHAT_SOAK_TURNS"] ?? "") ?? 60
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let directory = URL(fileURLWithPath: try Executables.temporaryDirectory())
        var driver = SoakDriver(simulator: simulator, store: FileConversationStore(directory: directory))
        var random = FuzzRandom(seed: 0x5eed_50a4)
        var expectedEnds: [Set<String>] = []
        var residentAtStart = 0
        for turn in 1...turns {
            let fault = random.pick(Self.faults)
            let marker = fault.marker == "cancel" ? "[[sim:slow=20]]" : fault.marker
            let end = try await driver.turn("turn \(turn) \(marker)", cancelAfterFirstText: fault.marker == "cancel")
            #expect(fault.ends.contains(end), "turn \(turn) with \(fault.marker) ended \(end)")
            expectedEnds.append(fault.ends)
            if turn == min(10, turns) { residentAtStart = Self.residentKilobytes() }
        }
        try await driver.finish()

        let record = try FileConversationStore(directory: directory).load(id: driver.state.conversationID)
        #expect(record.messages.count == 2 * turns)
        for (index, entry) in driver.state.entries.enumerated() where entry.role == .assistant && entry.status == .complete {
            #expect(record.messages[index].content == entry.text, "reply \(index / 2 + 1) was not saved whole")
            #expect(!entry.text.isEmpty)
        }
        let runs = simulator.requests.filter { $0.path.hasSuffix("/run") }
        var submissions: [String: Int] = [:]
        for run in runs {
            let content = run.json?["input"]?["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            submissions[content, default: 0] += 1
        }
        for (content, count) in submissions {
            let allowed = content.contains("[[sim:run429]]") ? 2 : 1
            #expect(count <= allowed, "\(content) was submitted \(count) times")
        }
        #expect(submissions.count == turns)
        let growth = Self.residentKilobytes() - residentAtStart
        #expect(growth < 64 * 1024, "resident memory grew by \(growth) KiB over the soak")
    }

    /// VmRSS of this process, in KiB.
    private static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// The chat window without a terminal: the state, a real effect runner and Runpod client, and a
/// pump that applies the runner's events in order, as the event loop does.
private struct SoakDriver {
    private(set) var state: AppState
    private let runner: EffectRunner
    private let continuation: AsyncStream<Event>.Continuation
    private var iterator: AsyncStream<Event>.Iterator

    init(simulator: SimulatorServer, store: FileConversationStore) {
        var options = RunpodOptions(firstTokenTimeout: .seconds(20), idleTimeout: .seconds(20))
        // Backoffs and Retry-After of seconds become milliseconds; the faults stay the same.
        options.sleep = { try await Task.sleep(for: min($0, .milliseconds(5))) }
        let backend = RunpodBackend(
            endpoint: Endpoint(baseURL: simulator.endpointURL(id: "soak"), apiKey: nil, label: "soak"),
            apiKeyVariable: "RUNPOD_API_KEY", options: options)
        let (stream, continuation) = AsyncStream<Event>.makeStream()
        self.continuation = continuation
        iterator = stream.makeAsyncIterator()
        runner = EffectRunner(backend: backend, conversations: store, post: { continuation.yield($0) })
        state = AppState(endpointLabel: "soak", isDemo: false, size: Size(width: 100, height: 30), now: .now)
    }

    /// Sends `message` and applies events until its reply ends; returns how it ended.
    mutating func turn(_ message: String, cancelAfterFirstText: Bool) async throws -> String {
        for character in message { apply(.keyPressed(.character(character))) }
        apply(.keyPressed(.enter))
        while state.activeReply != nil {
            guard let event = await nextEvent() else { throw SoakFailure(description: "no event for 30 s mid-turn: a hang") }
            apply(event)
            if cancelAfterFirstText, state.activeReply != nil, !(state.entries.last?.text.isEmpty ?? true) {
                apply(.keyPressed(.escape))
            }
        }
        return Self.name(of: state.entries.last?.status)
    }

    /// Quits as the user would: the final save happens before this returns.
    mutating func finish() async throws {
        apply(.keyPressed(.control("q")))
        await runner.drain()
    }

    private mutating func apply(_ event: Event) {
        for effect in state.handle(.clockTicked(.now)) + state.handle(event) { runner.perform(effect) }
    }

    /// The next event, or nil when none comes for 30 s (a hang): a watchdog ends the stream.
    private mutating func nextEvent() async -> Event? {
        let watchdog = Task { [continuation] in
            try await Task.sleep(for: .seconds(30))
            continuation.finish()
        }
        defer { watchdog.cancel() }
        return await iterator.next()
    }

    private static func name(of status: TranscriptEntry.Status?) -> String {
        switch status {
        case .complete: return "complete"
        case .truncated: return "truncated"
        case .cancelled: return "cancelled"
        case .timedOut: return "timedOut"
        case .failed: return "failed"
        case .streaming, nil: return "streaming"
        }
    }
}

private struct SoakFailure: Error, CustomStringConvertible {
    var description: String
}
