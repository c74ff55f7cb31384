import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// Searching finds text in every branch of a conversation, and the picker opens a result at
/// the branch where it matched.
@Suite struct BranchSearchTests {
    /// "Soup?" answered twice: "Leek." (a branch, with a follow-up about zucchini) and
    /// "Onion." (the one shown).
    private static let branched = ConversationRecord(
        id: "c1", title: "Soup", createdAt: 1, updatedAt: 2, endpoint: "demo",
        settings: .init(mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false),
        parameters: [:],
        messages: [
            .init(id: 1, role: .user, content: "Soup?", time: 1),
            .init(id: 2, parent: 1, role: .assistant, content: "Leek.", time: 1, reply: .init(status: "completed", parameters: [:])),
            .init(id: 3, parent: 2, role: .user, content: "With zucchini?", time: 1),
            .init(id: 4, parent: 1, role: .assistant, content: "Onion.", time: 2, reply: .init(status: "completed", parameters: [:])),
        ],
        current: 4)

    private func store() throws -> FileConversationStore {
        let store = FileConversationStore(directory: URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("c"))
        try store.save(Self.branched)
        return store
    }

    @Test func aSearchFindsTextInABranchNotShownAndNamesItsMessage() throws {
        let found = try store().search("ZUCCHINI").conversations
        #expect(found.map(\.id) == ["c1"])
        #expect(found.first?.matchedMessage == 3)
        #expect(found.first?.snippet == "With zucchini?")
        #expect(try store().search("soup").conversations.first?.matchedMessage == nil, "the title matched")
    }

    @Test func thePickerOpensAResultAtTheBranchWhereItMatched() throws {
        let store = try store()
        var app = AppHarness()
        app.press(.control("o"))
        app.send(.store(.listed(store.listWindow(offset: 0, limit: ConversationPicker.windowSize))))
        app.type("zucchini")
        app.send(.store(.found(query: "zucchini", store.search("zucchini"))))
        #expect(app.press(.enter).contains(.storage(.load("c1"))))
        app.send(.store(.loaded(try store.load(id: "c1"))))
        #expect(app.state.conversation.entries.map(\.text) == ["Soup?", "Leek.", "With zucchini?"])
        #expect(app.state.window.notice?.text.contains("at the branch where it matched") == true)
        // Opened from a plain listing, it shows the branch it was left at.
        var plain = AppHarness()
        plain.press(.control("o"))
        plain.send(.store(.listed(store.listWindow(offset: 0, limit: ConversationPicker.windowSize))))
        plain.press(.enter)
        plain.send(.store(.loaded(try store.load(id: "c1"))))
        #expect(plain.state.conversation.entries.map(\.text) == ["Soup?", "Onion."])
    }
}
