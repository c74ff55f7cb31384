import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct InputActionTests {
    @Test func upOnAnEmptyInputRecallsSentMessages() throws {
        var app = AppHarness()
        try app.exchange("first question", reply: "a")
        try app.exchange("second question", reply: "b")
        app.type("draft")
        app.press(.up)
        #expect(app.state.composer.input.text == "second question")
        app.press(.up)
        #expect(app.state.composer.input.text == "first question")
        app.press(.down)
        app.press(.down)
        #expect(app.state.composer.input.text == "draft")
    }

    @Test func upInsideAMultiLineMessageMovesTheCaret() {
        var app = AppHarness()
        app.type("line one")
        app.press(.altEnter)
        app.type("two")
        app.press(.up)
        #expect(app.state.composer.input.text == "line one\ntwo")
        #expect(app.state.composer.input.caret == 3)
    }

    @Test func editingKeysWorkInTheInput() {
        var app = AppHarness()
        app.type("alpha beta gamma")
        app.press(.control("w"))
        #expect(app.state.composer.input.text == "alpha beta ")
        app.press(.controlLeft)
        app.press(.control("k"))
        #expect(app.state.composer.input.text == "alpha ")
        app.press(.alt("b"))
        app.press(.alt("d"))
        #expect(app.state.composer.input.text == " ")
    }

    @Test func aPasteIsInsertedAndNotSent() {
        var app = AppHarness()
        app.type("see: ")
        let effects = app.send(.pasted("line 1\nline 2\r\nline 3\n"))
        #expect(effects.isEmpty)
        #expect(app.state.composer.input.text == "see: line 1\nline 2\nline 3\n")
        #expect(app.state.conversation.entries.isEmpty)
    }

    @Test func aPasteIntoAOneLineFieldJoinsItsLines() {
        var app = AppHarness()
        app.press(.tab)
        app.press(.enter)
        app.send(.pasted("a\nb"))
        #expect(app.state.panel.editing?.editor.text.hasSuffix("a b") == true)
    }

    @Test func typingContinuesWhileAReplyIsQueued() throws {
        var app = AppHarness()
        let id = try app.submit("first")
        app.receive([.queued(jobID: "job-1")], for: id)
        app.type("next message")
        #expect(app.state.composer.input.text == "next message")
        app.press(.enter)
        #expect(app.state.composer.input.text == "next message")
        #expect(app.state.window.notice?.text.contains("still coming") == true)
        app.receive([.delta(choice: 0, text: "ok"), .finished(.completed)], for: id)
        app.press(.enter)
        #expect(app.state.conversation.entries.last(where: { $0.role == .user })?.text == "next message")
    }

    @Test func tabCompletesCommandNames() {
        var app = AppHarness()
        app.type("/reg")
        app.press(.tab)
        #expect(app.state.composer.input.text == "/regen ")
        app.press(.control("u"))
        app.type("/s")
        app.press(.tab)
        #expect(app.state.composer.input.text == "/s")
        #expect(app.state.window.notice?.text == "/set /system /shade /save")
    }
}
