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
        app.type("first")
        app.press(.enter)
        let id = try #require(app.lastStartedRequest).id
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
        #expect(app.state.window.notice?.text == "/set /system /save")
    }
}

@Suite struct ReplyActionTests {
    @Test func regenerateReplacesTheLastReply() throws {
        var app = AppHarness()
        try app.exchange("tell me", reply: "first answer")
        app.type("/regen")
        let effects = app.press(.enter)
        guard case .completion(.start(_, let request))? = effects.first else { Issue.record("no request: \(effects)"); return }
        #expect(request.messages.map(\.content) == ["tell me"])
        #expect(app.state.conversation.entries.count == 2)
        #expect(app.state.conversation.entries.last?.status == .streaming)
    }

    @Test func regenerateNeedsAReply() {
        var app = AppHarness()
        app.type("/regen")
        app.press(.enter)
        #expect(app.state.window.notice?.text == "Nothing to regenerate: send a message first")
    }

    @Test func editPutsTheLastMessageBackAndResendsIt() throws {
        var app = AppHarness()
        try app.exchange("one", reply: "a")
        try app.exchange("two", reply: "b")
        app.type("/edit")
        app.press(.enter)
        #expect(app.state.composer.input.text == "two")
        #expect(app.state.conversation.entries.map(\.text) == ["one", "a"])
        app.type(" more")
        app.press(.enter)
        #expect(app.lastStartedRequest?.request.messages.map(\.content) == ["one", "a", "two more"])
    }

    @Test func transcriptKeysRegenerateEditAndCopy() throws {
        var app = AppHarness()
        try app.exchange("code please", reply: "Here:\n```swift\nlet a = 1\n```\nand\n```\nb()\n```")
        app.press(.tab)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
        #expect(app.press(.character("y")) == [.terminal(.copyToClipboard(app.state.conversation.entries[1].text))])
        #expect(app.press(.character("c")) == [.terminal(.copyToClipboard("b()"))])
        #expect(app.state.window.notice?.text.hasPrefix("Copied code block 2 (3 characters) with OSC 52") == true)
        app.press(.character("e"))
        #expect(app.state.composer.input.text == "code please")
        #expect(app.state.window.focus == .input)
    }

    @Test(arguments: [
        (["code", "1"], "let a = 1"), (["code", "2"], "b()"), (["code"], "b()"),
    ])
    func copyCodeBlocks(words: [String], expected: String) throws {
        var app = AppHarness()
        try app.exchange("q", reply: "```swift\nlet a = 1\n```\n```\nb()\n```")
        app.type((["/copy"] + words).joined(separator: " "))
        #expect(app.press(.enter) == [.terminal(.copyToClipboard(expected))])
    }

    @Test func copyExplainsWhatIsMissing() throws {
        var app = AppHarness()
        app.type("/copy")
        app.press(.enter)
        #expect(app.state.window.notice?.text == "No reply to copy yet")
        app.press(.control("u"))
        try app.exchange("q", reply: "plain")
        app.type("/copy code 3")
        app.press(.enter)
        #expect(app.state.window.notice?.text == "The last reply has no code block")
    }

    @Test func modeSystemRawAndQuitCommands() throws {
        var app = AppHarness()
        app.type("/mode prompt")
        app.press(.enter)
        #expect(app.state.conversation.settings.mode == .prompt)
        app.type("/mode sideways")
        app.press(.enter)
        #expect(app.state.window.notice?.text == "Usage: /mode chat|prompt (now prompt)")
        app.press(.control("u"))
        app.type("/system Be brief.")
        app.press(.enter)
        #expect(app.state.conversation.settings.systemPrompt == "Be brief.")
        app.type("/system")
        app.press(.enter)
        #expect(app.state.panel.editing?.field == .systemPrompt)
        #expect(app.state.panel.editing?.editor.text == "Be brief.")
        app.press(.escape)
        app.type("/raw")
        app.press(.enter)
        #expect(app.state.viewport.showsRawText)
        app.press(.function(3))
        #expect(!app.state.viewport.showsRawText)
        app.type("/quit")
        app.press(.enter)
        #expect(app.state.isFinished)
    }
}

@Suite struct CommandHintTests {
    private func divider(after typing: String) -> String {
        var app = AppHarness()
        app.type(typing)
        return app.screen.lines[app.screen.size.height - 3]
    }

    @Test func aCommandBeingTypedShowsItsUsageOnTheDivider() {
        #expect(divider(after: "/copy").contains("/copy [code N] — copy the last reply, or its code block N"))
        #expect(divider(after: "/set temp").contains("/set NAME VALUE — set a sampling parameter"))
        #expect(divider(after: "/re").contains("/reset /regen"))
        #expect(divider(after: "/zz").contains("no such command"))
        #expect(!divider(after: "hello /copy").contains("—"))
    }
}

@Suite struct SlashMessageTests {
    @Test func aDoubleSlashSendsAMessageStartingWithASlash() {
        var app = AppHarness()
        app.type("//etc/hosts is a file")
        app.press(.enter)
        #expect(app.lastStartedRequest?.request.messages.last?.content == "/etc/hosts is a file")
    }
}
