import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

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

    @Test func editPutsTheLastMessageBackAndResendsItAsANewBranch() throws {
        var app = AppHarness()
        try app.exchange("one", reply: "a")
        try app.exchange("two", reply: "b")
        app.type("/edit")
        app.press(.enter)
        #expect(app.state.composer.input.text == "two")
        // Nothing changes until the edited message is sent.
        #expect(app.state.conversation.entries.map(\.text) == ["one", "a", "two", "b"])
        app.type(" more")
        app.press(.enter)
        #expect(app.lastStartedRequest?.request.messages.map(\.content) == ["one", "a", "two more"])
        #expect(app.state.conversation.entries.map(\.text) == ["one", "a", "two more", ""])
        #expect(app.state.conversation.entries[2].branch == BranchPosition(number: 2, count: 2))
        #expect(app.state.conversation.tree.messageCount == 6)
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
