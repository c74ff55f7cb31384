import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// The listing a window at a time, as the picker asks for it: every window agrees with the
/// whole listing, counts only readable files, follows changes, and name completion finds what
/// a scan of the listing finds.
@Suite struct ConversationWindowTests {
    private let directory: URL

    init() throws {
        directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func newStore() -> FileConversationStore { FileConversationStore(directory: directory) }

    private func conversation(_ id: String, title: String, updatedAt: Double) -> ConversationRecord {
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false)
        let question = ConversationRecord.StoredMessage(role: .user, content: "About \(title)", time: updatedAt, reply: nil)
        return ConversationRecord(
            id: id, title: title, createdAt: 0, updatedAt: updatedAt, endpoint: "demo", settings: settings, parameters: [:], messages: [question])
    }

    /// `count` conversations written by hand, several sharing an update time so the order
    /// between them is by id.
    private func writeConversations(_ count: Int) throws {
        for number in 0..<count {
            let record = conversation(String(format: "c%04d", (number * 37) % count), title: "Talk \(number % 7)", updatedAt: Double(number / 3))
            try FileConversationStore.encode(record).write(to: directory.appendingPathComponent("\(record.id).json"))
        }
    }

    @Test func windowsAgreeWithTheWholeListing() throws {
        try writeConversations(250)
        try Data("{".utf8).write(to: directory.appendingPathComponent("broken.json"))
        let store = newStore()
        let whole = store.list()
        #expect(whole.conversations.count == 250)
        for (offset, limit) in [(0, 200), (0, 1), (17, 50), (200, 200), (249, 10), (250, 10), (400, 5), (0, 0)] {
            let window = store.listWindow(offset: offset, limit: limit)
            let expected = Array(whole.conversations.dropFirst(offset).prefix(limit))
            #expect(window.conversations == expected, "offset \(offset), limit \(limit)")
            #expect(window.offset == offset)
            #expect(window.total == 250, "unreadable files are not counted")
            #expect(window.unreadable == whole.unreadable)
        }
    }

    @Test func consecutiveWindowsMakeTheWholeListing() throws {
        try writeConversations(130)
        let store = newStore()
        let pieced = stride(from: 0, to: 130, by: 40).flatMap { store.listWindow(offset: $0, limit: 40).conversations }
        #expect(pieced == store.list().conversations)
    }

    @Test func aWindowFollowsFilesChangedSinceTheLast() throws {
        try writeConversations(10)
        let store = newStore()
        #expect(store.listWindow(offset: 0, limit: 3).total == 10)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("c0003.json"))
        try store.save(conversation("newest", title: "Newest", updatedAt: 1_000))
        let window = store.listWindow(offset: 0, limit: 3)
        #expect(window.total == 10)
        #expect(window.conversations.first?.id == "newest")
        #expect(!store.list().conversations.contains { $0.id == "c0003" })
    }

    @Test func namesAreTheTitlesAndIdsAScanOfTheListingFinds() throws {
        try writeConversations(40)
        try newStore().save(conversation("ÉTÉ", title: "Été indien", updatedAt: 99))
        let store = newStore()
        let listing = store.list().conversations
        for prefix in ["talk", "TALK 3", "c00", "c0001", "été", "zzz", ""] {
            let scanned = listing.flatMap { [$0.title, $0.id] }.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
            let unique = scanned.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            #expect(store.names(beginning: prefix, limit: 9) == Array(unique.prefix(9)), "prefix \(prefix)")
        }
    }
}
