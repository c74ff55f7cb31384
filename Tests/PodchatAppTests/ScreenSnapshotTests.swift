import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct ScreenSnapshotTests {
    @Test func welcomeScreenInDemoMode() {
        let app = AppHarness()
        expectSnapshot(of: app.screen, named: "welcome-demo")
    }

    @Test func midStreamWithCjkAndEmoji() throws {
        var app = AppHarness(parameters: SamplingParameters(overrides: ["temperature": 0.7, "top_p": 0.95]))
        let id = try app.submit("こんにちは! Tell me a story 😀")
        app.advance(toSeconds: 0.5)
        app.receive([.queued(jobID: "9f1c2d3e-4b5a-6789-abcd-ef0123456789-u1")], for: id)
        app.advance(toSeconds: 2)
        app.receive(
            [
                .started, .delta(choice: 0, text: "Once upon a time, 小さな猫 lived by the sea. "),
                .delta(choice: 0, text: "Every morning it watched the boats 🚤 leave"),
            ], for: id)
        app.advance(toSeconds: 3.25)
        app.type("next question")
        expectSnapshot(of: app.screen, named: "mid-stream")
    }

    @Test func finishedReplyShowsItsFooter() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.receive([.queued(jobID: "job-42")], for: id)
        app.advance(toSeconds: 1)
        app.receive([.delta(choice: 0, text: "Hello there.")], for: id)
        app.advance(toSeconds: 2)
        app.receive([.usage(Usage(promptTokens: 3, completionTokens: 11)), .finished(.completed)], for: id)
        expectSnapshot(of: app.screen, named: "finished-reply")
    }

    @Test func narrowTerminalHidesThePanel() {
        var app = AppHarness(size: Size(width: 40, height: 12))
        app.type("a long message that has to wrap in the input box")
        expectSnapshot(of: app.screen, named: "narrow")
    }

    @Test func tooSmallTerminalSaysSo() {
        let app = AppHarness(size: Size(width: 12, height: 4))
        #expect(app.screen.lines.first?.hasPrefix("Terminal too") == true)
    }
}
