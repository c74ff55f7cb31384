import EndpointClient
import Foundation
import PodchatApp
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// A long run of consecutive turns against the simulator with a fault drawn at random
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
        // A hang is 30 s without an event; one frame kept, as a long run draws thousands.
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), patience: .seconds(30), framesKept: 1)
        let runner = EffectRunner(
            backend: Self.backend(on: simulator), conversations: FileConversationStore(directory: directory), post: terminal.post)
        // The loop blocks in its terminal between batches, so it gets a thread of its own.
        let soak = try await DedicatedThread {
            var driver = SoakDriver(terminal: terminal, perform: runner.perform)
            var random = FuzzRandom(seed: 0x5eed_50a4)
            var ends: [(fault: String, expected: Set<String>, end: String)] = []
            var residentAtStart = 0
            for turn in 1...turns {
                let fault = random.pick(Self.faults)
                let marker = fault.marker == "cancel" ? "[[sim:slow=20]]" : fault.marker
                let end = try driver.turn("turn \(turn) \(marker)", cancelAfterFirstText: fault.marker == "cancel")
                ends.append((fault.marker, fault.ends, end))
                if turn == min(10, turns) { residentAtStart = Self.residentKilobytes() }
            }
            driver.quit()
            return SoakRun(ends: ends, residentAtStart: residentAtStart, state: driver.state)
        }.value
        await runner.drain()
        for (turn, end) in soak.ends.enumerated() {
            #expect(end.expected.contains(end.end), "turn \(turn + 1) with \(end.fault) ended \(end.end)")
        }

        let record = try FileConversationStore(directory: directory).load(id: soak.state.conversation.id)
        #expect(record.messages.count == 2 * turns)
        for (index, entry) in soak.state.conversation.entries.enumerated() where entry.role == .assistant && entry.status == .complete {
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
        let growth = Self.residentKilobytes() - soak.residentAtStart
        #expect(growth < 64 * 1024, "resident memory grew by \(growth) KiB over the soak")
    }

    /// A real Runpod client for the simulator, its backoffs and Retry-After of seconds made
    /// milliseconds; the faults stay the same.
    private static func backend(on simulator: SimulatorServer) -> RunpodBackend {
        var options = RunpodOptions(firstTokenTimeout: .seconds(20), idleTimeout: .seconds(20))
        options.sleep = { try await Task.sleep(for: min($0, .milliseconds(5))) }
        return RunpodBackend(
            endpoint: Endpoint(baseURL: simulator.endpointURL(id: "soak"), apiKey: nil, label: "soak"),
            apiKeyVariable: "RUNPOD_API_KEY", options: options)
    }

    /// VmRSS of this process, in KiB.
    private static func residentKilobytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// How a soak went: each turn's fault, the ends it allows and its end; the memory after the
/// first turns; the state at the end.
private struct SoakRun: Sendable {
    var ends: [(fault: String, expected: Set<String>, end: String)]
    var residentAtStart: Int
    var state: AppState
}

/// The chat window on a scripted terminal: the loop driver, with a real effect runner and
/// Runpod client behind it, and a user who types each message and waits for its reply.
private struct SoakDriver {
    private var loop: LoopDriver
    private let terminal: ScriptedTerminal

    init(terminal: ScriptedTerminal, perform: @escaping (Effect) -> Void) {
        let state = AppState(endpoint: EndpointIdentity(label: "soak"), size: terminal.size, now: .now)
        loop = LoopDriver(state: state, terminal: terminal, perform: perform)
        self.terminal = terminal
        loop.start()
    }

    var state: AppState { loop.state }

    /// Sends `message` and runs the loop until its reply ends; returns how it ended.
    mutating func turn(_ message: String, cancelAfterFirstText: Bool) throws -> String {
        terminal.queue(message.map { .keyPressed(.character($0)) } + [.keyPressed(.enter)])
        loop.run { $0.reply.active == nil || cancelAfterFirstText && !($0.conversation.entries.last?.text.isEmpty ?? true) }
        if cancelAfterFirstText && loop.state.reply.active != nil {
            terminal.queue([.keyPressed(.escape)])
            loop.run { $0.reply.active == nil }
        }
        if terminal.hasRunDry { throw SoakFailure(description: "no event for 30 s mid-turn: a hang") }
        return Self.name(of: loop.state.conversation.entries.last?.status)
    }

    /// Quits as the user would: the final save is asked for before this returns.
    mutating func quit() {
        terminal.queue([.keyPressed(.control("q"))])
        loop.run()
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
