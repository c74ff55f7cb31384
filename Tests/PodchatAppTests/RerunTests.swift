import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// `/rerun`: a reply asked for again with the parameters it was sent with, seed included,
/// whatever the panel says now, as a new sibling of it.
@Suite struct RerunTests {
    private static func answer(_ app: inout AppHarness, with text: String) throws {
        let id = try #require(app.lastStartedRequest).id
        app.receive([.delta(choice: 0, text: text), .finished(.completed)], for: id)
    }

    private static func startedCount(_ app: AppHarness) -> Int {
        app.effects.filter { if case .completion(.start) = $0 { true } else { false } }.count
    }

    @Test func rerunSendsTheRepliesOwnParametersAndSeedEvenAfterThePanelChanged() throws {
        var app = AppHarness()
        app.command("/set seed 7")
        app.command("/set temperature 0.3")
        try app.exchange("Hi", reply: "Hello.")
        let original = try #require(app.state.conversation.entries[1].parameters)
        app.command("/set temperature 0.9")
        app.command("/set seed each")
        app.command("/rerun")
        let request = try #require(app.lastStartedRequest).request
        #expect(request.parameters == original)
        #expect(request.parameters.number(of: .seed) == 7 && request.parameters.number(of: .temperature) == 0.3)
        #expect(request.messages.map(\.content) == ["Hi"])
        try Self.answer(&app, with: "Hello.")
        #expect(app.state.conversation.entries[1].branch == BranchPosition(number: 2, count: 2), "a sibling, as r makes")
        #expect(app.state.conversation.entries[1].parameters == original)
        #expect(app.screen.lines.contains { $0.replacingOccurrences(of: "\u{A0}", with: " ").contains("seed 7") })
        #expect(app.state.conversation.values.seedChoice == .eachTurn, "the panel is left as it was")
    }

    @Test func rerunOfAnEachTurnReplyReusesItsSeedInsteadOfDrawing() throws {
        var app = AppHarness()
        app.command("/set seed each")
        try app.exchange("Hi", reply: "Hello.")
        let seed = try #require(app.lastStartedRequest?.request.parameters.number(of: .seed))
        app.command("/rerun")
        #expect(app.lastStartedRequest?.request.parameters.number(of: .seed) == seed)
        try Self.answer(&app, with: "Hello.")
        app.command("/regen")
        #expect(app.lastStartedRequest?.request.parameters.number(of: .seed) != seed, "r and /regen take the panel's: a new seed")
    }

    @Test func rerunActsOnTheReplyAtTheCursor() throws {
        var app = AppHarness()
        app.command("/set seed 1")
        try app.exchange("q1", reply: "a1")
        app.command("/set seed 2")
        try app.exchange("q2", reply: "a2")
        app.press(.tab)
        app.press(.tab)
        for _ in 0..<3 { app.press(.character("k")) }
        #expect(app.state.viewport.cursor == 1)
        app.press(.enter)
        app.command("/rerun")
        let request = try #require(app.lastStartedRequest).request
        #expect(request.messages.map(\.content) == ["q1"])
        #expect(request.parameters.number(of: .seed) == 1)
    }

    @Test func rerunIsRefusedWhileAReplyIsComing() throws {
        var app = AppHarness()
        try app.exchange("Hi", reply: "Hello.")
        app.type("More")
        app.press(.enter)
        let started = Self.startedCount(app)
        app.command("/rerun")
        #expect(Self.startedCount(app) == started)
        #expect(app.state.window.notice?.text.hasPrefix("A reply is still coming") == true)
        #expect(app.state.composer.input.text == "/rerun", "a refused command stays in the input")
    }

    @Test func rerunIsRefusedWithNothingToRerun() {
        var app = AppHarness()
        app.command("/rerun")
        #expect(app.lastStartedRequest == nil)
        #expect(app.state.window.notice?.text.hasPrefix("Nothing to re-run") == true)
    }

    @Test func rerunIsRefusedForAReplyWithoutRecordedParameters() throws {
        let stored = """
            {"format_version": 3, "id": "r1", "title": "old", "created_at": 1, "updated_at": 2, "endpoint": "demo",
             "settings": {"mode": "chat", "apply_chat_template": false, "system_prompt": "", "input_format": "native",
                          "stream": true, "new_seed_each_request": false},
             "parameters": {},
             "messages": [{"id": 1, "role": "user", "content": "hi", "time": 1},
                          {"id": 2, "parent": 1, "role": "assistant", "content": "hello", "time": 2}],
             "current": 2}
            """
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(stored.utf8))
        var app = AppHarness()
        app.send(.store(.loaded(record)))
        #expect(app.state.conversation.entries.map(\.text) == ["hi", "hello"])
        app.command("/rerun")
        #expect(app.lastStartedRequest == nil)
        #expect(app.state.window.notice?.text.hasPrefix("That reply has no recorded parameters") == true)
    }
}
