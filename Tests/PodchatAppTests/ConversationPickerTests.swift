import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// The conversation picker (Ctrl-O): listing, search with stale results dropped, selection and
/// preview, open, rename, delete; and how it looks.
@Suite struct ConversationPickerTests {
    private func store() -> InMemoryConversationStore {
        InMemoryConversationStore(
            [
                storedConversation(
                    id: "c1", title: "Leek soup", updatedAt: 0,
                    messages: ["How do I make leek soup?", "Sweat the leeks in butter, add stock, simmer 20 minutes."]),
                storedConversation(
                    id: "c2", title: "Trip to Oslo", updatedAt: 3_000,
                    messages: ["What to see in Oslo in May?", "The fjord, the opera house, Vigeland park."]),
                storedConversation(
                    id: "c3", title: "Swift actors", updatedAt: 6_000, messages: ["When do I need an actor?", "When state is shared across tasks."]),
            ],
            unreadable: [ConversationStoreError(path: "/data/podchat/conversations/broken.json", reason: "not valid JSON at line 3")])
    }

    /// A harness at 2 hours after the fixtures' epoch with the picker open.
    private func openPicker(_ store: InMemoryConversationStore, size: Size = Size(width: 80, height: 20)) -> AppHarness {
        var app = AppHarness(size: size)
        app.advance(toSeconds: 7_200)
        app.perform(app.press(.control("o")), with: store)
        return app
    }

    @Test func ctrlOListsNewestFirstAndPreviewsTheSelection() throws {
        let app = openPicker(store())
        let picker = try #require(app.state.browser.picker)
        #expect(picker.conversations.map(\.id) == ["c3", "c2", "c1"])
        #expect(picker.unreadable.count == 1)
        #expect(picker.preview?.id == "c3")
    }

    /// The listing comes from the disk worker a while later: the picker says it is reading in
    /// the meantime, and a listing that no longer answers the query typed since is dropped.
    @Test func thePickerOpensAtOnceAndFillsInWhenTheAnswerArrives() throws {
        var app = AppHarness(size: Size(width: 80, height: 20))
        app.advance(toSeconds: 7_200)
        #expect(app.press(.control("o")) == [.storage(.list(offset: 0, limit: ConversationPicker.windowSize))])
        #expect(app.screen.lines.contains { $0.contains("Reading conversations…") })
        app.type("os")
        app.send(.store(.listed(store().listWindow(offset: 0, limit: ConversationPicker.windowSize))))
        #expect(app.state.browser.picker?.hasAnswer == false)
        app.send(.store(.found(query: "os", store().search("os"))))
        #expect(app.state.browser.picker?.hasAnswer == true)
        #expect(app.state.browser.picker?.conversations == store().search("os").conversations)
        #expect(!app.screen.lines.contains { $0.contains("Reading conversations…") })
    }

    @Test func upDownSelectAndAskForThePreview() throws {
        var app = openPicker(store())
        #expect(app.press(.down) == [.storage(.loadPreview(id: "c2"))])
        app.press(.down)
        app.press(.down)
        #expect(app.state.browser.picker?.selected?.id == "c1")
        app.press(.up)
        #expect(app.state.browser.picker?.selected?.id == "c2")
    }

    @Test func typingSearchesAndResultsForAnOlderQueryAreDropped() throws {
        var app = openPicker(store())
        #expect(app.press(.character("o")) == [.storage(.search(query: "o"))])
        #expect(app.press(.character("s")) == [.storage(.search(query: "os"))])
        let newer = ConversationSummary(id: "c2", title: "Trip to Oslo", createdAt: 3_000, updatedAt: 3_000, messageCount: 2, snippet: "Oslo")
        app.send(.store(.found(query: "os", ConversationListing(conversations: [newer], unreadable: []))))
        app.send(.store(.found(query: "o", store().search("o"))))
        #expect(app.state.browser.picker?.conversations.map(\.id) == ["c2"])
        #expect(app.state.browser.picker?.unreadable.isEmpty == true)
        app.press(.backspace)
        app.press(.backspace)
        #expect(app.effects.last == .storage(.list(offset: 0, limit: ConversationPicker.windowSize)))
    }

    @Test func searchFindsMessageText() throws {
        var app = openPicker(store())
        for key in "butter" { app.perform(app.press(.character(key)), with: store()) }
        #expect(app.state.browser.picker?.conversations.map(\.id) == ["c1"])
        #expect(app.state.browser.picker?.selected?.snippet.contains("butter") == true)
    }

    @Test func enterSavesTheCurrentConversationAndOpensTheSelected() throws {
        let conversations = store()
        var app = AppHarness()
        try app.chat("Unsaved thought")
        app.perform(app.press(.control("o")), with: conversations)
        app.press(.down)
        let effects = app.press(.enter)
        #expect(effects.count == 2)
        #expect(effects.last == .storage(.load("c2")))
        app.perform(effects, with: conversations)
        #expect(app.state.browser.picker == nil)
        #expect(app.state.conversation.title == "Trip to Oslo")
        #expect(conversations.records.contains { $0.title == "Unsaved thought" })
    }

    @Test func f2RenamesInPlace() throws {
        let conversations = store()
        var app = openPicker(conversations)
        app.press(.function(2))
        #expect(app.state.browser.picker?.mode == .renaming(LineEditor("Swift actors")))
        app.press(.control("u"))
        app.type("Actors, explained")
        let effects = app.press(.enter)
        #expect(effects == [.storage(.rename(id: "c3", title: "Actors, explained"))])
        app.perform(effects, with: conversations)
        #expect(app.state.browser.picker?.selected?.title == "Actors, explained")
        #expect(try conversations.load(id: "c3").title == "Actors, explained")
    }

    @Test func deleteAsksFirstAndNKeepsIt() throws {
        let conversations = store()
        var app = openPicker(conversations)
        app.press(.delete)
        #expect(app.state.browser.picker?.mode == .confirmingDelete)
        #expect(app.press(.character("n")).isEmpty)
        #expect(app.state.browser.picker?.mode == .browsing)
        app.press(.control("d"))
        let effects = app.press(.character("y"))
        #expect(effects == [.storage(.delete(id: "c3"))])
        app.perform(effects, with: conversations)
        #expect(app.state.browser.picker?.conversations.map(\.id) == ["c2", "c1"])
        #expect(conversations.records.count == 2)
        #expect(app.state.browser.picker?.preview?.id == "c2")
    }

    @Test func escapeClosesAndUnreadableFilesAreNeverSelected() throws {
        var app = openPicker(
            InMemoryConversationStore([], unreadable: [ConversationStoreError(path: "x.json", reason: "format_version 9 is newer than this podchat")])
        )
        #expect(app.state.browser.picker?.selected == nil)
        #expect(app.press(.enter).isEmpty)
        app.press(.escape)
        #expect(app.state.browser.picker == nil)
    }

    // MARK: - Snapshots

    @Test func snapshotOfTheList() {
        let app = openPicker(store())
        expectSnapshot(of: app.screen, named: "picker-list")
    }

    @Test func snapshotFilteredWithASnippet() {
        var app = openPicker(store())
        for key in "simmer" { app.perform(app.press(.character(key)), with: store()) }
        expectSnapshot(of: app.screen, named: "picker-filtered")
    }

    @Test func snapshotWithThePreviewOnAWideTerminal() {
        var app = openPicker(store(), size: Size(width: 120, height: 22))
        app.perform(app.press(.down), with: store())
        expectSnapshot(of: app.screen, named: "picker-preview")
    }

    @Test func snapshotOfTheDeleteConfirmation() {
        var app = openPicker(store())
        app.press(.delete)
        expectSnapshot(of: app.screen, named: "picker-delete")
    }

    @Test func snapshotOfRenaming() {
        var app = openPicker(store())
        app.press(.function(2))
        app.type(" in depth")
        expectSnapshot(of: app.screen, named: "picker-rename")
    }
}
