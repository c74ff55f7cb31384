import PodchatApp
import PodchatCore
import Testing

/// The runner's side of the inspector: a preview effect is answered at once with the backend's
/// preview, and a started reply first reports the request it was sent with.
@Suite struct EffectRunnerPreviewTests {
    /// A backend that shows its requests as the last message's text for a body.
    private struct Showing: CompletionBackend {
        func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
            AsyncThrowingStream { $0.finish() }
        }
        func settle() async {}
        func preview(_ request: CompletionRequest) -> RequestPreview? {
            RequestPreview(method: "POST", url: "http://test/run", headers: [], body: Array((request.messages.last?.content ?? "").utf8))
        }
    }

    private static let request = CompletionRequest(messages: [Message(role: .user, content: "hi")])

    @Test func aPreviewIsAnsweredBeforePerformReturns() {
        let posted = PostedEvents()
        let runner = EffectRunner(backend: Showing(), post: posted.append)
        runner.perform(.completion(.preview(Self.request)))
        #expect(posted.take() == [.previewed(Showing().preview(Self.request))])
        let silent = EffectRunner(backend: NoCompletions(), post: posted.append)
        silent.perform(.completion(.preview(Self.request)))
        #expect(posted.take() == [.previewed(nil)], "a backend without requests to show answers nil")
    }

    @Test func aStartedReplyReportsItsRequestFirst() async throws {
        let posted = PostedEvents()
        let runner = EffectRunner(backend: Showing(), post: posted.append)
        let id = RequestID(1)
        runner.perform(.completion(.start(id, Self.request)))
        await runner.drain()
        let sent = try #require(Showing().preview(Self.request))
        #expect(posted.take().first == .reply(id, .sent(sent)))
    }
}
