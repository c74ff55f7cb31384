import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// How the request inspector looks: the next request's headers and pretty body, then the
/// reply at the cursor with its job, timings and request.
@Suite struct RequestInspectorSnapshotTests {
    @Test func theInspectorShowsTheNextRequestAndTheLastReply() throws {
        var app = AppHarness(size: Size(width: 80, height: 40))
        app.type("Name a colour")
        app.press(.enter)
        let sent = try #require(app.lastStartedRequest)
        app.send(.reply(sent.id, .sent(RequestInspectorTests.preview(of: sent.request))))
        app.receive([.queued(jobID: "job-42")], for: sent.id)
        app.advance(toSeconds: 1.5)
        app.receive([.started, .delta(choice: 0, text: "Red.")], for: sent.id)
        app.advance(toSeconds: 2)
        app.receive([.usage(Usage(promptTokens: 12, completionTokens: 2)), .finished(.completed)], for: sent.id)
        app.type("Why red?")
        let asked = try #require(RequestInspectorTests.previewed(app.press(.function(6))))
        app.send(.previewed(RequestInspectorTests.preview(of: asked)))
        expectSnapshot(of: app.screen, named: "request-inspector")
    }
}
