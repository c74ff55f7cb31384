import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// A crash (here a SIGSEGV sent from outside, which takes the same path as a real one) gives
/// the terminal back in its normal mode; the turns finished before it are on disk.
@Suite(.serialized) struct CrashTests {
    @Test func aCrashRestoresTheTerminalAndKeepsFinishedTurns() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: home,
            extraEnvironment: ["SWIFT_BACKTRACE": "enable=no"],
            afterExit: terminalModeReport)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("saved before the crash")
        try await send("SEGV", toPodchatIn: terminal)
        let after = try await terminal.waitForScreen("podchat to die and stty to report") { $0.contains("podchat-exited-") && $0.contains("icanon") }
        #expect(after.contains("podchat-exited-139"))
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(!after.contains("Sampling"), "the chat window was left on screen")
        let record = try #require(try savedConversations(home: home).first)
        #expect(record.messages.first?.content == "saved before the crash")
    }
}
