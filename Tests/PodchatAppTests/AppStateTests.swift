import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct AppStateTests {
    @Test func enterSendsTheConversationAndStartsAStreamingReply() throws {
        var app = AppHarness()
        app.type("Hello")
        let effects = app.press(.enter)
        let (id, request) = try #require(app.lastStartedRequest)
        #expect(effects == [.completion(.start(id, request))])
        #expect(request.messages == [Message(role: .user, content: "Hello")])
        #expect(request.parameters == SamplingParameters())
        #expect(app.state.composer.input.text.isEmpty)
        #expect(app.state.conversation.entries.map(\.role) == [.user, .assistant])
        #expect(app.state.conversation.entries.last?.status == .streaming)
        #expect(app.state.reply.active?.id == id)
    }

    @Test func theSystemPromptLeadsTheRequest() throws {
        var state = AppState(endpoint: EndpointIdentity(label: "x"), size: Size(width: 80, height: 24), now: .now, systemPrompt: "Be brief.")
        _ = state.handle(.keyPressed(.character("Q")))
        guard case .completion(.start(_, let request)) = try #require(state.handle(.keyPressed(.enter)).first) else {
            Issue.record("no request")
            return
        }
        #expect(request.messages == [Message(role: .system, content: "Be brief."), Message(role: .user, content: "Q")])
    }

    @Test func blankInputSendsNothing() {
        var app = AppHarness()
        app.type("   ")
        #expect(app.press(.enter).isEmpty)
        #expect(app.state.conversation.entries.isEmpty)
    }

    @Test func streamingGoesFromQueuedToStartedToFinished() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.advance(toSeconds: 1)
        app.receive([.queued(jobID: "job-1")], for: id)
        #expect(app.state.activeReplyEntry?.jobID == "job-1")
        #expect(app.state.activeReplyEntry?.startedAt == nil)
        app.advance(toSeconds: 3)
        app.receive([.started, .delta(choice: 0, text: "Hel")], for: id)
        app.advance(toSeconds: 4)
        app.receive([.delta(choice: 0, text: "lo!"), .usage(Usage(promptTokens: 5, completionTokens: 2))], for: id)
        #expect(app.state.conversation.entries.last?.text == "Hello!")
        app.receive([.finished(.completed)], for: id)
        let reply = try #require(app.state.conversation.entries.last)
        #expect(reply.status == .complete)
        #expect(reply.jobID == "job-1")
        #expect(reply.usage == Usage(promptTokens: 5, completionTokens: 2))
        #expect(app.state.reply.active == nil)
    }

    @Test func theNextRequestCarriesThePreviousReply() throws {
        var app = AppHarness()
        let first = try app.submit("One")
        app.receive([.delta(choice: 0, text: "Reply one"), .finished(.completed)], for: first)
        app.type("Two")
        app.press(.enter)
        let request = try #require(app.lastStartedRequest).request
        #expect(request.messages.map(\.content) == ["One", "Reply one", "Two"])
        #expect(request.messages.map(\.role) == [.user, .assistant, .user])
    }

    @Test func aRecoveredFullTextReplacesWhatStreamed() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.receive([.delta(choice: 0, text: "Hel"), .delta(choice: 0, text: "!"), .replaced(choice: 0, text: "Hello!")], for: id)
        #expect(app.state.conversation.entries.last?.text == "Hello!")
    }

    @Test func hittingMaxTokensMarksTheReplyTruncated() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.receive([.delta(choice: 0, text: "cut"), .finished(.length)], for: id)
        #expect(app.state.conversation.entries.last?.status == .truncated)
    }

    @Test func escapeCancelsTheReplyAndKeepsItsText() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.receive([.delta(choice: 0, text: "partial")], for: id)
        #expect(app.press(.escape) == [.completion(.cancel(id)), .storage(.save(app.state.conversation.record))])
        #expect(app.state.conversation.entries.last?.text == "partial")
        #expect(app.state.conversation.entries.last?.status == .cancelled)
        #expect(app.state.reply.active == nil)
    }

    @Test func eventsOfAnAbandonedRequestAreIgnored() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.press(.escape)
        app.receive([.delta(choice: 0, text: "late")], for: id)
        app.send(.reply(id, .failed(CompletionFailure("late failure"))))
        #expect(app.state.conversation.entries.last?.text == "")
        #expect(app.state.conversation.entries.last?.status == .cancelled)
    }

    @Test func aFailureIsShownOnTheReplyAndInTheStatusBar() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        app.send(.reply(id, .failed(CompletionFailure("the API key was rejected"))))
        #expect(app.state.conversation.entries.last?.status == .failed("the API key was rejected"))
        #expect(app.state.window.notice?.isError == true)
        #expect(app.state.reply.active == nil)
    }

    @Test func sendingWhileAReplyIsComingIsRefusedAndKeepsTheText() {
        var app = AppHarness()
        app.type("first")
        app.press(.enter)
        app.type("second")
        #expect(app.press(.enter).isEmpty)
        #expect(app.state.composer.input.text == "second")
        #expect(app.state.window.notice?.isError == true)
    }

    @Test func firstCtrlCCancelsTheReplySecondQuits() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        #expect(app.press(.control("c")) == [.completion(.cancel(id)), .storage(.save(app.state.conversation.record))])
        #expect(!app.state.isFinished)
        app.advance(toSeconds: 1)
        app.press(.control("c"))
        #expect(app.state.isFinished)
    }

    @Test func ctrlCTwiceTooSlowlyOnlyWarns() {
        var app = AppHarness()
        app.press(.control("c"))
        app.advance(toSeconds: 5)
        app.press(.control("c"))
        #expect(!app.state.isFinished)
        #expect(app.state.window.notice?.text.contains("Ctrl-C again") == true)
    }

    @Test func ctrlQQuitsAndCancelsAnyReply() throws {
        var app = AppHarness()
        let id = try app.submit("Hi")
        #expect(app.press(.control("q")) == [.completion(.cancel(id)), .storage(.save(app.state.conversation.record))])
        #expect(app.state.isFinished)
    }

    @Test func terminationRequestEndsTheLoop() {
        var app = AppHarness()
        app.send(.terminationRequested)
        #expect(app.state.isFinished)
    }

    @Test func altEnterAndCtrlJInsertNewlines() {
        var app = AppHarness()
        app.type("a")
        app.press(.altEnter)
        app.type("b")
        app.press(.control("j"))
        app.type("c")
        #expect(app.state.composer.input.text == "a\nb\nc")
        #expect(app.state.conversation.entries.isEmpty)
    }

    @Test func wakesUpOnlyWhileSomethingChangesByItself() throws {
        var app = AppHarness()
        #expect(app.state.nextWakeUp == nil)
        app.type("Hi")
        app.press(.enter)
        #expect(app.state.nextWakeUp != nil)
        let id = try #require(app.lastStartedRequest).id
        app.receive([.finished(.completed)], for: id)
        #expect(app.state.nextWakeUp == nil)
    }

    @Test func noticesExpire() {
        var app = AppHarness()
        app.press(.control("c"))
        #expect(app.state.window.notice != nil)
        app.advance(toSeconds: 3)
        #expect(app.state.window.notice == nil)
    }

    @Test func resizeChangesTheScreenSize() {
        var app = AppHarness()
        app.send(.resized(Size(width: 100, height: 30)))
        #expect(app.screen.size == Size(width: 100, height: 30))
    }

    @Test func f2TogglesThePanel() {
        var app = AppHarness()
        #expect(app.state.panel.isShown)
        app.press(.function(2))
        #expect(!app.state.panel.isShown)
    }
}
