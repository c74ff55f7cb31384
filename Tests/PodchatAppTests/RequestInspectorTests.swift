import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The request inspector in the state: it asks the backend for the request the next message
/// would send (exactly the one `send` then starts), shows the answer, scrolls, copies it as a
/// `curl` command and shows the request a reply was sent with.
@Suite struct RequestInspectorTests {
    /// A request as a backend would show it, body and all.
    static func preview(of request: CompletionRequest) -> RequestPreview {
        let messages = JSONValue.array(request.messages.map { .object(["role": .string($0.role.rawValue), "content": .string($0.content)]) })
        return RequestPreview(
            method: "POST", url: "http://127.0.0.1:8000/v2/demo/run",
            headers: [
                RequestPreview.Header(name: "Accept", value: "application/json"),
                RequestPreview.Header(name: "Authorization", value: "Bearer $RUNPOD_API_KEY", expandsVariable: true),
            ],
            body: JSONValue.object(["input": .object(["messages": messages])]).encodedBytes,
            notes: ["then GET /stream/{job id} until the job ends"])
    }

    /// The request the last effects asked to preview.
    static func previewed(_ effects: [Effect]) -> CompletionRequest? {
        for effect in effects.reversed() {
            if case .completion(.preview(let request)) = effect { return request }
        }
        return nil
    }

    @Test func theNextRequestIsTheOneSendingThenStarts() throws {
        var app = AppHarness()
        app.command("/set seed each")
        try app.chat("First")
        app.type("It's \"quoted\" — ü")
        let asked = try #require(Self.previewed(app.press(.function(6))))
        #expect(app.state.window.inspector?.usesPlaceholder == false)
        #expect(app.state.composer.input.text == "It's \"quoted\" — ü", "opening it changes nothing")
        app.press(.escape)
        #expect(app.state.window.inspector == nil)
        app.press(.enter)
        #expect(app.lastStartedRequest?.request == asked, "the same messages, parameters and drawn seed")
        #expect(asked.parameters.isSet(.seed))
    }

    @Test func anEmptyInputPreviewsAPlaceholderMessage() throws {
        var app = AppHarness()
        let asked = try #require(Self.previewed(app.command("/request")))
        #expect(asked.messages.last == Message(role: .user, content: AppState.placeholderMessage))
        #expect(app.state.window.inspector?.usesPlaceholder == true)
        #expect(app.state.conversation.entries.isEmpty)
        #expect(app.screen.lines.contains { $0.contains("stands in for the message") })
    }

    @Test func theAnswerIsShownAndCCopiesItsCurlCommand() throws {
        var app = AppHarness()
        app.type("Hello")
        let asked = try #require(Self.previewed(app.press(.function(6))))
        #expect(app.screen.lines.contains { $0.contains("Building the request") })
        #expect(app.press(.character("c")).isEmpty, "nothing to copy yet")
        let preview = Self.preview(of: asked)
        app.send(.previewed(preview))
        #expect(app.state.window.inspector?.next == .shown(preview))
        #expect(app.screen.lines.contains { $0.contains("POST http://127.0.0.1:8000/v2/demo/run") })
        #expect(app.screen.lines.contains { $0.contains("Authorization: Bearer $RUNPOD_API_KEY") })
        #expect(app.press(.character("c")) == [.terminal(.copyToClipboard(preview.curlCommand))])
        #expect(app.state.composer.input.text == "Hello", "c copies; it types nothing")
    }

    @Test func aBackendWithoutRequestsToShowSaysSo() throws {
        var app = AppHarness()
        app.press(.function(6))
        app.send(.previewed(nil))
        #expect(app.state.window.inspector?.next == .unavailable)
        #expect(app.screen.lines.contains { $0.contains("cannot show its requests") })
    }

    @Test func itScrollsWithinItsLines() throws {
        var app = AppHarness(size: Size(width: 80, height: 12))
        let asked = try #require(Self.previewed(app.press(.function(6))))
        app.send(.previewed(Self.preview(of: asked)))
        app.press(.down)
        #expect(app.state.window.inspector?.scroll == 1)
        for _ in 0..<5 { app.press(.pageDown) }
        let bottom = try #require(app.state.window.inspector?.scroll)
        app.press(.down)
        #expect(app.state.window.inspector?.scroll == bottom, "it stops at the last line")
        #expect(app.screen.lines.contains { $0.contains("No reply yet") })
        app.press(.home)
        #expect(app.state.window.inspector?.scroll == 0)
        app.press(.up)
        #expect(app.state.window.inspector?.scroll == 0)
    }

    @Test func aReplyKeepsTheRequestItWasSentWithAndIShowsItAtTheCursor() throws {
        var app = AppHarness(size: Size(width: 100, height: 40))
        app.type("One")
        app.press(.enter)
        let first = try #require(app.lastStartedRequest)
        app.send(.reply(first.id, .sent(Self.preview(of: first.request))))
        app.receive([.queued(jobID: "job-one"), .delta(choice: 0, text: "Uno."), .finished(.completed)], for: first.id)
        try app.chat("Two")
        #expect(app.state.conversation.entries[1].request == Self.preview(of: first.request))
        #expect(app.state.conversation.entries[3].request == nil, "no preview came for it")
        app.press(.tab)
        app.press(.tab)
        for _ in 0..<3 { app.press(.character("k")) }
        app.press(.character("i"))
        #expect(app.state.window.inspector?.replyIndex == 1)
        #expect(app.state.window.inspector?.replyIsAtCursor == true)
        // The summary keeps each part on one line with no-break spaces.
        let text = app.screen.lines.joined(separator: "\n").replacingOccurrences(of: "\u{A0}", with: " ")
        #expect(text.contains("Reply 2 (at the cursor)"))
        #expect(text.contains("job job-one"))
        #expect(text.contains("status: complete"))
        #expect(text.contains(#""content" : "One""#))
    }

    @Test func itShowsTheJobRequestsAndTheLastAnswerOfTheReply() throws {
        var app = AppHarness(size: Size(width: 100, height: 60))
        let id = try app.submit("One")
        var log = JobExchanges()
        log.sent("POST", "/run")
        log.answered(#"{"id": "job-one", "status": "IN_QUEUE"}"#)
        for _ in 0..<3 { log.sent("GET", "/stream/job-one") }
        log.sent("GET", "/status/job-one")
        log.answered(JSONValue.object(["id": "job-one", "status": "COMPLETED", "executionTime": .number(812)]).prettyText, status: .completed)
        app.receive([.queued(jobID: "job-one"), .delta(choice: 0, text: "Uno."), .exchanges(log), .finished(.completed)], for: id)
        app.press(.function(6))
        let text = app.screen.lines.joined(separator: "\n")
        #expect(text.contains("Job API requests: POST /run ×1 · GET /stream ×3 · GET /status ×1"))
        #expect(text.contains("Last answer, to GET /status/job-one, job COMPLETED:"))
        #expect(text.contains(#""executionTime" : 812"#))
    }

    @Test func aLongAnswerIsCutForTheInspector() {
        var log = JobExchanges()
        log.sent("GET", "/status/j")
        log.answered(String(repeating: "x", count: JobExchanges.answerLimit + 10))
        #expect(log.lastAnswer?.count == JobExchanges.answerLimit + 1)
        #expect(log.lastAnswer?.hasSuffix("…") == true)
    }

    @Test func withoutACursorItShowsTheLastReply() throws {
        var app = AppHarness()
        try app.chat("One")
        try app.chat("Two")
        app.press(.function(6))
        #expect(app.state.window.inspector?.replyIndex == 3)
        #expect(app.state.window.inspector?.replyIsAtCursor == false)
        #expect(app.screen.lines.contains { $0.contains("was not kept") })
    }

    @Test func aLateAnswerAfterClosingChangesNothing() throws {
        var app = AppHarness()
        let asked = try #require(Self.previewed(app.press(.function(6))))
        app.press(.escape)
        app.send(.previewed(Self.preview(of: asked)))
        #expect(app.state.window.inspector == nil)
    }
}
