import Foundation
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Unusual terminals: no TTY, `TERM=dumb`, a locale that is not UTF-8, a storm of resizes.
@Suite(.serialized) struct UnusualTerminalTests {
    @Test func withoutATerminalTheChatWindowPointsToAsk() async throws {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run([Executables.podchat], environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("needs a terminal"))
        #expect(outcome.standardError.contains("podchat ask"))
    }

    @Test func termDumbIsRefusedWithTheReason() async throws {
        let terminal = try await TmuxSession.podchat([], home: try Executables.temporaryDirectory(), extraEnvironment: ["TERM": "dumb"])
        defer { Task { await terminal.close() } }
        let screen = try await terminal.waitForScreen("the refusal") { $0.contains("podchat-exited-") }
        #expect(screen.contains("TERM=dumb cannot show podchat's chat window"))
        #expect(screen.contains("podchat ask"))
        #expect(!screen.contains("podchat-exited-0"))
    }

    @Test func aNonUTF8LocaleStillDrawsWideText() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), extraEnvironment: ["LANG": "C", "LC_ALL": "C"])
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("日本語で")
        let screen = try await terminal.capture()
        #expect(screen.contains("You wrote “日本語で”"))
        #expect(screen.contains("模拟器的回复"))
    }

    @Test func aStormOfResizesDuringAStreamLeavesAWholeScreen() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(5)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory())
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("storm [[sim:tokens=400]]")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("streaming") { $0.contains("streaming…") }
        for step in 0..<40 {
            try await terminal.resize(width: 15 + (step * 37) % 120, height: 3 + (step * 11) % 40)
        }
        try await terminal.resize(width: 100, height: 30)
        // A frame drawn for an earlier size can show the finished reply too (the last resize's
        // redraw may not have come yet on a loaded machine), so wait for one of the final size;
        // a podchat that missed the last resize never draws it and fails here.
        try await terminal.waitForScreen("the reply to finish whole at 100×30") { screen in
            screen.contains("tok/s") && screen.contains("Sampling") && screen.split(separator: "\n").count == 30
        }
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }
}
