import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// A signal ends podchat cleanly: the terminal is given back in its normal mode and the
/// conversation, the reply that was streaming included, is saved.
@Suite(.serialized) struct SignalTests {
    @Test(arguments: ["TERM", "HUP", "INT"])
    func aSignalRestoresTheTerminalAndSaves(signal: String) async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(40)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: home, afterExit: terminalModeReport)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("first message")
        try await terminal.type("second, streaming when the signal comes")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the second reply to stream") { $0.contains("streaming…") && $0.contains("You wrote “second") }
        try await send(signal, toPodchatIn: terminal)
        let after = try await terminal.waitForScreen("podchat to exit and stty to report") { $0.contains("podchat-exited-") && $0.contains("icanon") }
        #expect(after.contains("podchat-exited-0"), "podchat did not end cleanly:\n\(after)")
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(!after.contains("-icanon") && !after.contains("-echo"))

        let saved = try savedConversations(home: home)
        #expect(saved.count == 1)
        let record = try #require(saved.first)
        #expect(record.messages.map(\.role) == [.user, .assistant, .user, .assistant])
        #expect(record.messages.last?.content.contains("You wrote “second") == true, "the streaming reply's text was not saved")
    }
}
