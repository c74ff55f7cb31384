import Foundation
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Model output can never steer the terminal: every byte podchat writes is captured and
/// searched for the sequences a hostile reply carried.
@Suite(.serialized) struct TerminalSafetyTests {
    @Test func controlSequencesInAReplyNeverReachTheTerminal() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let output = home + "/tty-output"
        let terminal = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: home, width: 120, height: 30)
        defer { Task { await terminal.close() } }
        try await terminal.recordOutput(to: output)
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        let titleBefore = try await terminal.paneInfo("#{pane_title}")
        try await terminal.type("show me [[sim:hostile]]")
        try await terminal.press("Enter")
        let screen = try await terminal.waitForScreen("the hostile reply") { $0.contains("AFTER") && $0.contains("Enter send") }

        for visible in ["BEFORE", "cleared?", "TAB", "CLIPBOARD", "LINK", "TITLE", "DCS", "C1", "REVERSED", "AFTER", "␛[2J", "␛]52;c;"] {
            #expect(screen.contains(visible), "\(visible) is not shown")
        }
        #expect(screen.contains(#/cleared\? +TAB/#), "the tab did not become spaces")
        let lines = screen.split(separator: "\n")
        let before = try #require(lines.firstIndex { $0.contains("BEFORE") })
        let after = try #require(lines.firstIndex { $0.contains("AFTER") })
        #expect(after > before, "the reply's newlines were lost")

        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
        let written = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(written.count > 1000, "too little output was captured to judge")
        let forbidden: [(String, [UInt8])] = [
            ("OSC 52", Array("\u{1B}]52;".utf8)), ("OSC 8", Array("\u{1B}]8;".utf8)), ("OSC 0", Array("\u{1B}]0;".utf8)),
            ("DCS", Array("\u{1B}P1$q".utf8)), ("device status request", Array("\u{1B}[6n".utf8)),
            ("C1 CSI", Array("\u{9B}".utf8)), ("bidi override", Array("\u{202E}".utf8)), ("bidi pop", Array("\u{202C}".utf8)),
            ("BEL", [0x07]),
        ]
        for (name, bytes) in forbidden {
            #expect(written.firstRange(of: Data(bytes)) == nil, "\(name) reached the terminal")
        }
        #expect(try await terminal.paneInfo("#{pane_title}") == titleBefore)
    }
}
