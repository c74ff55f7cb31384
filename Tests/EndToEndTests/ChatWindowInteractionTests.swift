import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The chat window's interactions in the real binary: paste, scrolling and resizing while a
/// reply streams, help, copy, the mouse and the external editor.
@Suite(.serialized) struct ChatWindowInteractionTests {
    private func launch(_ simulator: SimulatorServer, width: Int = 100, height: Int = 30) async throws -> TmuxSession {
        try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), width: width, height: height)
    }

    @Test func aPastedBlockIsInsertedWholeAndSentAsOneMessage() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.paste("first pasted line\nsecond pasted line\nthird pasted line")
        let pasted = try await terminal.waitForScreen("three lines in the input") { $0.contains("third pasted line") }
        #expect(pasted.contains("› first pasted line"))
        #expect(pasted.contains("  second pasted line"))
        try await Task.sleep(for: .milliseconds(300))
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.isEmpty, "a pasted newline sent the message")
        try await terminal.press("Enter")
        let inputs = try await simulator.jobInputs(count: 1)
        let content = inputs[0]["messages"]?.arrayValue?.last?["content"]?.stringValue
        #expect(content == "first pasted line\nsecond pasted line\nthird pasted line")
    }

    @Test func scrollingUpWhileStreamingHoldsTheViewAndMarksNewText() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(15)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator, height: 20)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("a long one [[sim:tokens=1500]]")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the reply to fill the screen") { $0.contains("streaming…") && !$0.contains("a long one") }
        try await terminal.press("PageUp")
        let held = try await terminal.waitForScreen("the marker") { $0.contains("↓ new text below") || $0.contains("↓ more below") }
        let heldTop = held.split(separator: "\n").prefix(5).map { String($0.prefix(60)) }
        try await terminal.waitForScreen("new text to be marked") { $0.contains("↓ new text below") }
        let later = try await terminal.capture()
        #expect(later.split(separator: "\n").prefix(5).map { String($0.prefix(60)) } == heldTop, "the held view moved")
        try await terminal.press("End")
        for _ in 0..<20 { try await terminal.press("PageDown") }
        try await terminal.waitForScreen("following again") { !$0.contains("↓ ") }
        try await terminal.press("Escape")
    }

    @Test func resizingDuringAStreamReflowsAndTheReplyCompletes() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(10)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("resize me [[sim:tokens=300]]")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("streaming") { $0.contains("streaming…") }
        for (width, height) in [(60, 20), (120, 40), (45, 15), (90, 28)] {
            try await terminal.resize(width: width, height: height)
            // tmux clips the old frame to the new size at once, so a frame that fits is not yet
            // podchat's: wait for one with the input box drawn in it (never, if it missed the resize).
            try await terminal.waitForScreen("the \(width)×\(height) layout with its input box") { screen in
                let lines = screen.split(separator: "\n")
                return lines.count <= height && lines.allSatisfy { $0.count <= width } && screen.contains("────") && screen.contains("› ")
            }
        }
        let done = try await terminal.waitForScreen("the reply to finish") { $0.contains("tok/s") }
        #expect(done.contains("finish"))
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.count == 1)
    }

    @Test func f1ShowsHelpAndCopyUsesOSC52() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator, height: 40)
        defer { Task { await terminal.close() } }
        try await terminal.acceptClipboardWrites()
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.press("F1")
        let help = try await terminal.waitForScreen("the help overlay") { $0.contains("podchat keys and commands") && $0.contains("Ctrl-X Ctrl-E") }
        #expect(help.contains("Ctrl-X Ctrl-E"))
        try await terminal.press("Escape")
        try await terminal.waitForScreen("the help to close") { !$0.contains("podchat keys and commands") }
        try await terminal.send("copy this")
        try await terminal.type("/copy")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the copy notice") { $0.contains("Copied the last reply") }
        let clipboard = try await terminal.clipboard()
        #expect(clipboard.contains("You wrote “copy this”"))
    }

    @Test func clickingAPanelRowSelectsIt() async throws {
        let simulator = try await SimulatorServer.start(port: 0)
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator, height: 40)
        defer { Task { await terminal.close() } }
        let screen = try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") && $0.contains("Ctrl-Q quit") }
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(rows.firstIndex { $0.contains(" min_p ") })
        try await terminal.mouse(button: 0, x: 80, y: row)
        let selected = try await terminal.waitForScreen("min_p to be selected") { $0.contains("›min_p") }
        #expect(selected.contains("←→ adjust"))
        try await terminal.press("Right")
        try await terminal.waitForScreen("min_p to change") { $0.contains("min_p                  0.01") }
    }

    @Test func ctrlXCtrlEEditsTheMessageInTheEditor() async throws {
        let simulator = try await SimulatorServer.start(port: 0)
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let editor = home + "/fake-editor"
        try "#!/bin/sh\nprintf ' and more from the editor' >> \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let terminal = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: home, extraEnvironment: ["EDITOR": editor])
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("typed here")
        try await terminal.press("C-x", "C-e")
        let edited = try await terminal.waitForScreen("the edited message") { $0.contains("typed here and more from the editor") }
        #expect(edited.contains("Sampling"))
    }
}
