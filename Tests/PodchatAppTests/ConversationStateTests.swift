import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// Saving and restoring conversations: when saves happen, what a record holds, and the
/// commands that save, load, start, rename and export.
@Suite struct ConversationStateTests {
    @Test(arguments: [(FinishReason.completed, "completed"), (.length, "truncated"), (.cancelled, "cancelled"), (.timedOut, "timed_out")])
    func everyFinishedTurnIsSavedButNotEachToken(reason: FinishReason, status: String) throws {
        var app = AppHarness()
        let id = try app.submit("Hello")
        app.receive([.delta(choice: 0, text: "Hi "), .delta(choice: 0, text: "there")], for: id)
        #expect(app.savedRecords.isEmpty)
        app.send(.reply(id, .received(.finished(reason))))
        let record = try #require(app.savedRecords.last)
        #expect(app.savedRecords.count == 1)
        #expect(record.messages.map(\.content) == ["Hello", "Hi there"])
        #expect(record.messages[1].reply?.status == status)
    }

    @Test func stoppedAndFailedRepliesAreSavedToo() throws {
        var app = AppHarness()
        app.type("Stop me")
        app.press(.enter)
        #expect(app.press(.escape).contains { if case .storage(.save) = $0 { true } else { false } })
        #expect(app.savedRecords.last?.messages.last?.reply?.status == "cancelled")
        let id = try app.submit("Fail me")
        app.send(.reply(id, .failed(CompletionFailure("the worker crashed"))))
        let failed = try #require(app.savedRecords.last?.messages.last?.reply)
        #expect(failed.status == "failed")
        #expect(failed.error == "the worker crashed")
    }

    @Test(arguments: [[Key.control("q")], [.control("c"), .control("c")]])
    func quittingSaves(keys: [Key]) throws {
        var app = AppHarness()
        try app.chat("Keep this")
        let before = app.savedRecords.count
        for key in keys { app.press(key) }
        #expect(app.state.isFinished)
        #expect(app.savedRecords.count == before + 1)
    }

    @Test func terminationMidReplySavesThePartialReplyAsCancelled() throws {
        var app = AppHarness()
        let id = try app.submit("Long story")
        app.receive([.delta(choice: 0, text: "Once upon")], for: id)
        let effects = app.send(.terminationRequested)
        #expect(effects.first == .completion(.cancel(id)))
        let record = try #require(app.savedRecords.last)
        #expect(record.messages.last?.content == "Once upon")
        #expect(record.messages.last?.reply?.status == "cancelled")
    }

    @Test func anEmptyConversationIsNeverSaved() {
        var app = AppHarness()
        #expect(app.press(.control("q")).isEmpty)
        var terminated = AppHarness()
        #expect(terminated.send(.terminationRequested).isEmpty)
        var saving = AppHarness()
        saving.command("/save")
        #expect(saving.effects.isEmpty)
        #expect(saving.state.window.notice?.text == "Nothing to save yet: send a message first")
    }

    @Test func theTitleIsTheFirstLineOfTheFirstMessageCut() throws {
        var app = AppHarness()
        app.type("A very long first line that goes on and on about many things, more than sixty")
        app.press(.altEnter)
        app.type("second line")
        app.press(.enter)
        #expect(app.state.conversation.title == "A very long first line that goes on and on about many thing…")
        #expect(app.state.conversation.title.count == 60)
    }

    @Test func recordHoldsTimesEndpointSettingsAndHowEachReplyWent() throws {
        var app = AppHarness()
        app.command("/set temperature 0.3")
        app.command("/set seed each")
        app.advance(toSeconds: 10)
        let id = try app.submit("Hi")
        app.advance(toSeconds: 10.5)
        app.receive([.queued(jobID: "job-1"), .started], for: id)
        app.advance(toSeconds: 11.25)
        app.receive([.delta(choice: 0, text: "Hello"), .usage(Usage(promptTokens: 3, completionTokens: 1))], for: id)
        app.advance(toSeconds: 12)
        app.send(.reply(id, .received(.finished(.completed))))
        let record = try #require(app.savedRecords.last)
        #expect(record.createdAt == 10)
        #expect(record.updatedAt == 12)
        #expect(record.endpoint == "demo")
        #expect(record.title == "Hi")
        #expect(record.parameters["temperature"] == 0.3)
        #expect(record.parameters["seed"] == nil)
        #expect(record.settings.newSeedEachRequest)
        let reply = try #require(record.messages[1].reply)
        #expect(reply.parameters["temperature"] == 0.3)
        #expect(reply.parameters["seed"] != nil)
        #expect(reply.jobID == "job-1")
        #expect(reply.usage == Usage(promptTokens: 3, completionTokens: 1))
        #expect(reply.timeToFirstTokenMilliseconds == 1250)
        #expect(reply.durationMilliseconds == 2000)
        #expect(record.messages.map(\.time) == [10, 10])
    }

    @Test func stateToRecordToStateToRecordIsIdentical() throws {
        var app = AppHarness()
        app.command("/set temperature 0.3")
        app.command("/set system_prompt Be brief.")
        app.command("/set n 2")
        let id = try app.submit("Colours?")
        app.advance(toSeconds: 1)
        app.receive([.queued(jobID: "j"), .delta(choice: 0, text: "Red"), .delta(choice: 1, text: "Blue")], for: id)
        app.advance(toSeconds: 2)
        app.send(.reply(id, .received(.finished(.length))))
        app.command("/choose 2")
        app.type("Why?")
        app.press(.enter)
        app.send(.reply(try #require(app.lastStartedRequest).id, .failed(CompletionFailure("boom"))))
        let first = app.state.conversation.record

        var restored = AppHarness()
        restored.send(.store(.loaded(first)))
        #expect(restored.state.conversation.record == first)
        #expect(restored.state.conversation.entries.map(\.text) == app.state.conversation.entries.map(\.text))
        #expect(restored.state.conversation.settings == app.state.conversation.settings)
        #expect(restored.state.conversation.parameters == app.state.conversation.parameters)
        let next = try restored.sendMessage("And?")
        #expect(next.messages.map(\.content) == ["Be brief.", "Colours?", "Blue", "Why?", "And?"])
        #expect(next.parameters.number(of: .temperature) == 0.3)
    }

    @Test func aRecordThatCannotBeUsedChangesNothingAndSaysWhy() throws {
        var app = AppHarness()
        try app.chat("Mine")
        var broken = storedConversation(id: "abc", title: "Broken", updatedAt: 5, messages: ["Hi", "Yo"])
        broken.parameters = ["temperature": 99]
        app.send(.store(.loaded(broken)))
        #expect(app.state.window.notice?.text.hasPrefix("Could not load abc: temperature") == true)
        #expect(app.state.window.notice?.isError == true)
        #expect(app.state.conversation.entries.first?.text == "Mine")
    }

    @Test func saveWithANameTitleRenamesAndLoadSavesFirst() throws {
        var app = AppHarness()
        try app.chat("Plans")
        let saved = app.command("/save Trip to Oslo")
        #expect(saved.count == 1)
        #expect(app.savedRecords.last?.title == "Trip to Oslo")
        app.command("/title Oslo in May")
        #expect(app.state.conversation.title == "Oslo in May")
        #expect(app.savedRecords.last?.title == "Oslo in May")
        let load = app.command("/load Recipes")
        #expect(load.count == 2)
        #expect(load.last == .storage(.load("Recipes")))
    }

    @Test func newSavesAndStartsEmptyWithTheStartingValues() throws {
        var app = AppHarness()
        try app.chat("First")
        app.command("/set temperature 1.5")
        let firstID = app.state.conversation.id
        let effects = app.command("/new")
        #expect(effects.count == 1)
        #expect(app.savedRecords.last?.parameters["temperature"] == 1.5)
        #expect(app.state.conversation.entries.isEmpty)
        #expect(app.state.conversation.title.isEmpty)
        #expect(app.state.conversation.id != firstID)
        #expect(!app.state.conversation.parameters.isSet(.temperature))
    }

    @Test func exportWritesMarkdownByDefaultToTheTitlesSlug() throws {
        var app = AppHarness()
        try app.chat("What's up, Oslo?")
        let effects = app.command("/export")
        #expect(effects == [.storage(.export(app.state.conversation.record, format: .markdown, path: "./what-s-up-oslo.md"))])
        #expect(app.command("/export json out/chat.json") == [.storage(.export(app.state.conversation.record, format: .json, path: "out/chat.json"))])
        app.send(.store(.exported(path: "out/chat.json")))
        #expect(app.state.window.notice?.text == "Exported to out/chat.json")
    }

    @Test func loadingThroughTheStoreRestoresAndAFailureIsShownWithTheFile() throws {
        let store = InMemoryConversationStore([storedConversation(id: "c1", title: "Recipes", updatedAt: 5, messages: ["Soup?", "Leek."])])
        var app = AppHarness()
        app.perform(app.command("/load recipes"), with: store)
        #expect(app.state.conversation.title == "Recipes")
        #expect(app.state.conversation.entries.map(\.text) == ["Soup?", "Leek."])
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.3)
        app.perform(app.command("/load nothing-like-it"), with: store)
        #expect(app.state.window.notice?.text == "Could not load nothing-like-it: no such conversation")
        #expect(app.state.conversation.title == "Recipes")
    }

    @Test func aFailedSaveIsShownWithTheFileAndTheReasonAndChatGoesOn() throws {
        let store = InMemoryConversationStore()
        store.failSaves(with: "No space left on device")
        var app = AppHarness()
        app.perform(try app.chat("Hello"), with: store)
        #expect(app.state.window.notice?.text == "Could not save memory/\(app.state.conversation.id).json: No space left on device")
        #expect(app.state.window.notice?.isError == true)
        #expect(try app.sendMessage("Still here").messages.count == 3)
    }

    @Test func tabAfterLoadCompletesATitleFromTheListing() {
        let store = InMemoryConversationStore([
            storedConversation(id: "c1", title: "Recipes", updatedAt: 5, messages: ["Soup?"]),
            storedConversation(id: "c2", title: "Travel", updatedAt: 6, messages: ["Oslo?"]),
        ])
        var app = AppHarness()
        app.type("/load rec")
        app.perform(app.press(.tab), with: store)
        #expect(app.state.composer.input.text == "/load Recipes")
    }

    /// The names come from the store, not from a listing kept in memory; an answer to text
    /// changed since Tab is dropped.
    @Test func tabAfterLoadAsksTheStoreAndDropsAnAnswerToTextChangedSince() {
        var app = AppHarness()
        app.type("/load rec")
        #expect(app.press(.tab) == [.storage(.names(beginning: "rec", limit: 9))])
        app.type("i")
        app.send(.store(.named(beginning: "rec", ["Recipes"])))
        #expect(app.state.composer.input.text == "/load reci")
        app.send(.store(.named(beginning: "reci", ["Recipes", "Recital"])))
        #expect(app.state.composer.input.text == "/load reci")
        #expect(app.state.window.notice?.text == "Recipes · Recital")
    }

    @Test func exportAsJSONWritesTheRecordToTheFile() throws {
        var app = AppHarness()
        try app.chat("Export me")
        let path = try Executables.temporaryDirectory() + "/chat.json"
        app.perform(app.command("/export json \(path)"), with: InMemoryConversationStore())
        #expect(app.state.window.notice?.text == "Exported to \(path)")
        let written = try JSONDecoder().decode(ConversationRecord.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == app.state.conversation.record)
    }
}
