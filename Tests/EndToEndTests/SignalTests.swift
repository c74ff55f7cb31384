import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Shown after podchat ends: `icanon echo` when the terminal is back in its normal mode.
private let terminalModeReport = "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '"

/// Sends `signal` (`TERM`, `SEGV`, …) to the podchat running in `terminal`'s shell.
private func send(_ signal: String, toPodchatIn terminal: TmuxSession) async throws {
    let shell = try await terminal.paneInfo("#{pane_pid}")
    let children = try await ChildProcess.run(["/usr/bin/pgrep", "-P", shell], environment: [:], timeout: .seconds(5))
    let podchat = try #require(children.standardOutput.split(separator: "\n").first.map(String.init))
    _ = try await ChildProcess.run(["/bin/kill", "-\(signal)", podchat], environment: [:], timeout: .seconds(5))
}

/// The conversations saved under the data home `home`, read as the files are.
private func savedConversations(home: String) throws -> [ConversationRecord] {
    let directory = home + "/podchat/conversations"
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    return try files.map { try JSONDecoder().decode(ConversationRecord.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
}

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
