import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// Branches in the chat window: regenerating and editing keep what they replace as a sibling,
/// `[` `]` switch between them at the cursor's message (or the newest fork), and the tree is
/// saved and comes back whole.
@Suite struct BranchingTests {
    private static func texts(_ app: AppHarness) -> [String] {
        app.state.conversation.entries.map(\.text)
    }

    /// Focus on the transcript, from the input.
    private static func focusTranscript(_ app: inout AppHarness) {
        app.press(.tab)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
    }

    private static func answer(_ app: inout AppHarness, with text: String) throws {
        let id = try #require(app.lastStartedRequest).id
        app.receive([.delta(choice: 0, text: text), .finished(.completed)], for: id)
    }

    private static func saves(_ effects: [Effect]) -> [ConversationRecord] {
        effects.compactMap { if case .storage(.save(let record)) = $0 { record } else { nil } }
    }

    @Test func regeneratingKeepsTheOldReplyAsABranchThatBracketsSwitchTo() throws {
        var app = AppHarness()
        try app.exchange("Name a colour", reply: "Red.")
        Self.focusTranscript(&app)
        app.press(.character("r"))
        #expect(app.lastStartedRequest?.request.messages.map(\.content) == ["Name a colour"])
        try Self.answer(&app, with: "Blue.")
        #expect(Self.texts(app) == ["Name a colour", "Blue."])
        #expect(app.state.conversation.entries[1].branch == BranchPosition(number: 2, count: 2))
        #expect(app.screen.lines.contains { $0.contains("Assistant  ‹ 2/2 ›") })
        let switched = app.press(.character("["))
        #expect(Self.texts(app) == ["Name a colour", "Red."])
        #expect(Self.saves(switched).last?.current == 2, "the branch followed is saved")
        app.press(.character("]"))
        #expect(Self.texts(app) == ["Name a colour", "Blue."])
        // The next message continues the branch shown.
        app.press(.enter)
        try app.exchange("Another", reply: "Green.")
        #expect(app.lastStartedRequest?.request.messages.map(\.content) == ["Name a colour", "Blue.", "Another"])
    }

    @Test func editingAnEarlierMessageAtTheCursorBranchesThereAndKeepsTheLaterTurns() throws {
        var app = AppHarness()
        try app.exchange("q1", reply: "a1")
        try app.exchange("q2", reply: "a2")
        try app.exchange("q3", reply: "a3")
        Self.focusTranscript(&app)
        for _ in 0..<4 { app.press(.character("k")) }
        #expect(app.state.viewport.cursor == 2)
        #expect(app.screen.lines.contains { $0.contains("▸ You") })
        app.press(.character("e"))
        #expect(app.state.composer.input.text == "q2")
        #expect(app.state.window.focus == .input)
        #expect(Self.texts(app) == ["q1", "a1", "q2", "a2", "q3", "a3"], "nothing changes before the edit is sent")
        app.type(" again")
        app.press(.enter)
        #expect(app.lastStartedRequest?.request.messages.map(\.content) == ["q1", "a1", "q2 again"])
        try Self.answer(&app, with: "a2'")
        #expect(Self.texts(app) == ["q1", "a1", "q2 again", "a2'"])
        #expect(app.state.conversation.entries[2].branch == BranchPosition(number: 2, count: 2))
        #expect(app.state.viewport.cursor == nil)
        // Without a cursor, [ ] act on the newest fork: the old turns come back whole.
        Self.focusTranscript(&app)
        app.press(.character("["))
        #expect(Self.texts(app) == ["q1", "a1", "q2", "a2", "q3", "a3"])
    }

    @Test func escapeCancelsAnEditAndTheMessageStaysAsItWas() throws {
        var app = AppHarness()
        try app.exchange("one", reply: "a")
        app.type("/edit")
        app.press(.enter)
        #expect(app.state.conversation.editing == 0)
        app.press(.escape)
        #expect(app.state.conversation.editing == nil)
        #expect(app.state.composer.input.text.isEmpty)
        try app.exchange("two", reply: "b")
        #expect(Self.texts(app) == ["one", "a", "two", "b"])
        #expect(app.state.conversation.entries.allSatisfy { $0.branch == nil })
    }

    @Test func deletingABranchKeepsItsSiblingAndRefusesTheLastOne() throws {
        var app = AppHarness()
        try app.exchange("q", reply: "first")
        app.type("/regen")
        app.press(.enter)
        try Self.answer(&app, with: "second")
        app.type("/branch previous")
        app.press(.enter)
        #expect(Self.texts(app) == ["q", "first"])
        app.type("/branch delete")
        let effects = app.press(.enter)
        #expect(Self.texts(app) == ["q", "second"])
        #expect(app.state.conversation.tree.messageCount == 2)
        #expect(Self.saves(effects).last?.messages.map(\.content) == ["q", "second"])
        app.type("/branch delete")
        app.press(.enter)
        #expect(app.state.window.notice?.text.hasPrefix("No branch to delete here") == true)
        #expect(app.state.composer.input.text == "/branch delete", "a refused command stays in the input")
    }

    @Test func theTreeIsSavedAndComesBackWhole() throws {
        var app = AppHarness()
        try app.exchange("q", reply: "first")
        app.type("/regen")
        app.press(.enter)
        try Self.answer(&app, with: "second")
        try app.exchange("more", reply: "yes")
        app.type("/branch previous")
        app.press(.enter)
        let record = app.state.conversation.record
        #expect(record.formatVersion == ConversationRecord.currentFormatVersion)
        #expect(record.messages.map(\.id) == [1, 2, 3, 4, 5] && record.messages.map(\.parent) == [nil, 1, 1, 3, 4])
        #expect(record.current == 2)
        let decoded = try JSONDecoder().decode(ConversationRecord.self, from: try JSONEncoder().encode(record))
        var reopened = AppHarness()
        reopened.send(.store(.loaded(decoded)))
        #expect(Self.texts(reopened) == ["q", "first"])
        #expect(reopened.state.conversation.tree.messageCount == 5)
        #expect(
            reopened.send(.terminationRequested).allSatisfy { if case .storage(.save) = $0 { false } else { true } },
            "an unchanged conversation is not rewritten")
        reopened.type("/branch next")
        reopened.press(.enter)
        #expect(Self.texts(reopened) == ["q", "second", "more", "yes"])
    }

    @Test func aVersionTwoFileIsRewrittenOnlyOnceItChanges() throws {
        let versionTwo = """
            {"format_version": 2, "id": "c2", "title": "old", "created_at": 1, "updated_at": 2, "endpoint": "demo",
             "settings": {"mode": "chat", "apply_chat_template": false, "system_prompt": "", "input_format": "native",
                          "stream": true, "new_seed_each_request": false},
             "parameters": {},
             "messages": [{"role": "user", "content": "hi", "time": 1},
                          {"role": "assistant", "content": "hello", "time": 2, "reply": {"status": "completed", "parameters": {}}}]}
            """
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(versionTwo.utf8))
        var app = AppHarness()
        app.send(.store(.loaded(record)))
        #expect(Self.texts(app) == ["hi", "hello"])
        app.type("/new")
        let left = app.press(.enter)
        #expect(Self.saves(left).isEmpty, "leaving an unchanged conversation leaves its file alone")
        app.send(.store(.loaded(record)))
        app.type("/regen")
        app.press(.enter)
        try Self.answer(&app, with: "hello again")
        let saved = try #require(Self.saves(app.effects).last)
        #expect(saved.formatVersion == ConversationRecord.currentFormatVersion && saved.id == "c2")
        #expect(saved.messages.map(\.content) == ["hi", "hello", "hello again"] && saved.current == 3)
    }

    @Test func theMapShowsEveryBranchAndJumpsToAny() throws {
        var app = AppHarness(size: Size(width: 100, height: 20))
        try app.exchange("q1", reply: "a1")
        try app.exchange("q2", reply: "a2")
        app.type("/regen")
        app.press(.enter)
        try Self.answer(&app, with: "a2 again")
        try app.exchange("q3", reply: "a3")
        app.press(.function(5))
        #expect(app.state.viewport.mapSelection == 2, "the shown branch is picked")
        expectSnapshot(of: app.screen, named: "tree-map")
        app.press(.up)
        app.press(.enter)
        #expect(app.state.viewport.mapSelection == nil)
        #expect(Self.texts(app) == ["q1", "a1", "q2", "a2"])
        app.type("/tree")
        app.press(.enter)
        #expect(app.state.viewport.mapSelection == 1)
        app.press(.escape)
        #expect(app.state.viewport.mapSelection == nil)
        #expect(Self.texts(app) == ["q1", "a1", "q2", "a2"])
    }
}
