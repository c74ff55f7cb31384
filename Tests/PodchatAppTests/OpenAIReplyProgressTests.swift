import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// What the window says while a reply from an OpenAI-compatible server streams. Such a server
/// names no job (no `.queued`), only text: llama.cpp's server in the real-server lane showed
/// "sending…" for the whole of a 400-token reply.
@Suite struct OpenAIReplyProgressTests {
    @Test func aReplyWithoutAJobSaysSendingUntilItStartsThenStreaming() throws {
        var app = AppHarness(size: Size(width: 100, height: 24))
        let id = try app.submit("tell me a story")
        #expect(app.screen.lines.joined().contains("sending…"))

        app.receive([.started, .delta(choice: 0, text: "Once upon a time")], for: id)
        let screen = app.screen.lines.joined(separator: "\n")
        #expect(!screen.contains("sending…"))
        #expect(screen.contains("streaming…"))
        #expect(app.screen.lines.last?.contains("streaming") == true)
        #expect(app.screen.lines.last?.contains("job") == false)
    }
}
