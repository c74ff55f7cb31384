import Foundation
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
            ["--endpoint-url", simulator.endpointURL()], home: home, afterExit: "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '")
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("first message")
        try await terminal.type("second, streaming when the signal comes")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the second reply to stream") { $0.contains("streaming…") && $0.contains("You wrote “second") }
        let shell = try await terminal.paneInfo("#{pane_pid}")
        let children = try await ChildProcess.run(["/usr/bin/pgrep", "-P", shell], environment: [:], timeout: .seconds(5))
        let podchat = try #require(children.standardOutput.split(separator: "\n").first.map(String.init))
        _ = try await ChildProcess.run(["/bin/kill", "-\(signal)", podchat], environment: [:], timeout: .seconds(5))
        let after = try await terminal.waitForScreen("podchat to exit and stty to report") { $0.contains("podchat-exited-") && $0.contains("icanon") }
        #expect(after.contains("podchat-exited-0"), "podchat did not end cleanly:\n\(after)")
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(!after.contains("-icanon") && !after.contains("-echo"))

        let directory = home + "/podchat/conversations"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(files.count == 1)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + (try #require(files.first))))
        let record = try JSONDecoder().decode(ConversationRecord.self, from: data)
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
            afterExit: "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '")
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.send("saved before the crash")
        let shell = try await terminal.paneInfo("#{pane_pid}")
        let children = try await ChildProcess.run(["/usr/bin/pgrep", "-P", shell], environment: [:], timeout: .seconds(5))
        let podchat = try #require(children.standardOutput.split(separator: "\n").first.map(String.init))
        _ = try await ChildProcess.run(["/bin/kill", "-SEGV", podchat], environment: [:], timeout: .seconds(5))
        let after = try await terminal.waitForScreen("podchat to die and stty to report") { $0.contains("podchat-exited-") && $0.contains("icanon") }
        #expect(after.contains("podchat-exited-139"))
        #expect(after.contains("icanon echo"), "the terminal was left in raw mode:\n\(after)")
        #expect(!after.contains("Sampling"), "the chat window was left on screen")
        let directory = home + "/podchat/conversations"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + (try #require(files.first))))
        let record = try JSONDecoder().decode(ConversationRecord.self, from: data)
        #expect(record.messages.first?.content == "saved before the crash")
    }
}
