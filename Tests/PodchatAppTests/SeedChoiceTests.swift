import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The seed row's three states (`server`, a fixed number, `each turn`): what each request
/// carries, what the reply and its file record, and how `/set seed` and the panel's keys reach them.
@Suite struct SeedChoiceTests {
    private static func sentSeed(_ app: AppHarness) -> Double? {
        app.lastStartedRequest?.request.parameters.number(of: .seed)
    }

    private static func footerShows(_ text: String, on app: AppHarness) -> Bool {
        app.screen.lines.contains { $0.replacingOccurrences(of: "\u{A0}", with: " ").contains(text) }
    }

    @Test func serverSendsNoSeedAndTheFooterSaysSo() throws {
        var app = AppHarness()
        #expect(app.state.conversation.values.seedChoice == .server)
        try app.chat("Hi")
        #expect(Self.sentSeed(app) == nil)
        #expect(app.state.conversation.entries[1].parameters?.isSet(.seed) == false)
        #expect(Self.footerShows("seed: server's", on: app))
        let record = app.state.conversation.record
        #expect(record.parameters["seed"] == nil && !record.settings.newSeedEachRequest)
        #expect(try #require(record.messages[1].reply).parameters["seed"] == nil)
    }

    @Test func aFixedSeedIsSentEveryTurnAndRecorded() throws {
        var app = AppHarness()
        app.command("/set seed 1234")
        #expect(app.state.conversation.values.seedChoice == .fixed(1234))
        try app.chat("one")
        #expect(Self.sentSeed(app) == 1234)
        try app.chat("two")
        #expect(Self.sentSeed(app) == 1234)
        #expect(Self.footerShows("seed 1234", on: app))
        let record = app.state.conversation.record
        #expect(record.parameters["seed"] == 1234 && !record.settings.newSeedEachRequest)
        #expect(record.messages.compactMap { $0.reply?.parameters["seed"] } == [1234, 1234])
    }

    @Test func eachTurnDrawsASeedPerRequestSendsItAndRecordsIt() throws {
        var app = AppHarness()
        app.command("/set seed each")
        #expect(app.state.conversation.values.seedChoice == .eachTurn)
        try app.chat("one")
        let first = try #require(Self.sentSeed(app))
        try app.chat("two")
        let second = try #require(Self.sentSeed(app))
        #expect(first != second)
        #expect(app.state.conversation.entries.compactMap { $0.parameters?.number(of: .seed) } == [first, second])
        #expect(Self.footerShows("seed \(Int(second))", on: app))
        let record = app.state.conversation.record
        #expect(record.settings.newSeedEachRequest)
        #expect(record.parameters["seed"] == nil, "each turn stores no fixed seed")
        #expect(record.messages.compactMap { $0.reply?.parameters["seed"] } == [.number(first), .number(second)])
        var again = AppHarness()
        again.command("/set seed each")
        try again.chat("one")
        #expect(Self.sentSeed(again) == first, "seeds are drawn from the generator the state is given, so tests repeat")
    }

    @Test(arguments: ["server", "model", "none"])
    func setSeedServerOrAnyUnsetWordSendsNone(word: String) throws {
        var app = AppHarness()
        app.command("/set seed 5")
        app.command("/set seed \(word)")
        #expect(app.state.conversation.values.seedChoice == .server)
        app.command("/set seed each")
        app.command("/set seed \(word)")
        #expect(app.state.conversation.values.seedChoice == .server)
        try app.chat("Hi")
        #expect(Self.sentSeed(app) == nil)
    }

    @Test func setSeedRefusesAnythingElseAndKeepsTheLine() {
        var app = AppHarness()
        app.command("/set seed 7")
        app.command("/set seed sometimes")
        #expect(app.state.window.notice?.isError == true)
        #expect(app.state.window.notice?.text.contains("each (a new one each turn)") == true)
        #expect(app.state.composer.input.text == "/set seed sometimes")
        #expect(app.state.conversation.values.seedChoice == .fixed(7))
    }

    @Test func spaceCyclesServerEachTurnAndTheLastFixedSeed() {
        var app = AppHarness()
        app.selectInPanel("seed")
        #expect(app.screen.lines.contains { $0.contains("seed") && $0.contains("server") })
        app.press(.character(" "))
        #expect(app.state.conversation.values.seedChoice == .eachTurn)
        #expect(app.screen.lines.contains { $0.contains("seed") && $0.contains("each turn") })
        app.press(.character(" "))
        guard case .fixed(let drawn) = app.state.conversation.values.seedChoice else {
            Issue.record("Space after each turn fixes a seed (drawn when none was fixed before)")
            return
        }
        app.press(.character(" "))
        #expect(app.state.conversation.values.seedChoice == .server)
        app.press(.enter)
        app.type("42")
        app.press(.enter)
        #expect(app.state.conversation.values.seedChoice == .fixed(42))
        app.press(.character(" "))
        app.press(.character(" "))
        app.press(.character(" "))
        #expect(app.state.conversation.values.seedChoice == .fixed(42), "back to the last fixed seed, not \(drawn)")
    }

    @Test func enterTypesANumberOrEachAndUGoesBackToServer() {
        var app = AppHarness()
        app.selectInPanel("seed")
        app.press(.enter)
        app.type("each")
        app.press(.enter)
        #expect(app.state.conversation.values.seedChoice == .eachTurn)
        app.press(.enter)
        #expect(app.state.panel.editing?.editor.text == "each")
        app.press(.enter)
        #expect(app.state.conversation.values.seedChoice == .eachTurn, "Enter twice leaves each turn as it was")
        app.press(.right)
        #expect(app.state.conversation.values.seedChoice == .fixed(0), "stepping the seed means a number")
        app.press(.enter)
        app.press(.backspace)
        app.type("each")
        app.press(.enter)
        app.press(.right)
        #expect(app.state.conversation.values.seedChoice == .fixed(1), "going on from the last fixed seed")
        app.press(.character("u"))
        #expect(app.state.conversation.values.seedChoice == .server)
        #expect(app.state.window.notice?.text == "seed unset: not sent, the server decides")
    }

    @Test func thePanelHasOneSeedRowAndItsHelpNamesTheStates() {
        var app = AppHarness()
        #expect(PanelField.named("new_seed") == nil)
        #expect(PanelField.all.filter { $0.name.contains("seed") } == [.parameter(.seed)])
        app.selectInPanel("seed")
        let help = app.state.conversation.values.detail(of: .parameter(.seed))
        for state in ["server", "each turn", "a number", "Space cycles", "Enter types", "u: server"] { #expect(help.contains(state)) }
    }

    @Test func resetGoesBackToTheStartingSeed() {
        var app = AppHarness(parameters: SamplingParameters(overrides: ["seed": 9]))
        #expect(app.state.conversation.values.seedChoice == .fixed(9), "a config's seed starts fixed")
        app.command("/set seed each")
        app.command("/reset seed")
        #expect(app.state.conversation.values.seedChoice == .fixed(9))
    }

    @Test func anOlderFileWithASeedBesideEachTurnOpensAsEachTurnRememberingTheSeed() throws {
        let stored = """
            {"format_version": 3, "id": "s1", "title": "old", "created_at": 1, "updated_at": 2, "endpoint": "demo",
             "settings": {"mode": "chat", "apply_chat_template": false, "system_prompt": "", "input_format": "native",
                          "stream": true, "new_seed_each_request": true},
             "parameters": {"seed": 5}, "messages": [], "current": null}
            """
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(stored.utf8))
        var app = AppHarness()
        app.send(.store(.loaded(record)))
        #expect(app.state.conversation.values.seedChoice == .eachTurn)
        #expect(app.state.conversation.record == app.state.conversation.restoredRecord, "opening it does not rewrite it")
        #expect(app.state.conversation.record.parameters["seed"] == nil)
        app.selectInPanel("seed")
        app.press(.character(" "))
        #expect(app.state.conversation.values.seedChoice == .fixed(5))
    }
}
