import Foundation
import PodchatCore
import PodchatTestSupport
import Testing

@testable import PodchatStorage

/// The start-up comparison of the index with the directory: the index's fingerprint, kept by
/// its triggers, equals the directory's whenever the index is up to date; when it is not, the
/// comparison a batch at a time finds every file added, changed or removed; after reading
/// many, it merges the text index and empties its journal.
@Suite struct IndexSynchronizationTests {
    private let directory: URL

    init() throws {
        directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// A new store is what a newly started podchat has: nothing in memory, only the files.
    private func newStore() -> FileConversationStore { FileConversationStore(directory: directory) }

    private func record(_ id: String, updatedAt: Double = 1, text: String) -> ConversationRecord {
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false)
        let question = ConversationRecord.StoredMessage(role: .user, content: text, time: updatedAt, reply: nil)
        return ConversationRecord(
            id: id, title: "Title of \(id)", createdAt: 0, updatedAt: updatedAt, endpoint: "demo", settings: settings, parameters: [:],
            messages: [question])
    }

    private func writeByHand(_ record: ConversationRecord) throws {
        try FileConversationStore.encode(record).write(to: file(record.id))
    }

    private func file(_ id: String) -> URL { directory.appendingPathComponent("\(id).json") }

    /// The fingerprint the index file's `totals` hold, read by a connection of its own.
    private func indexedFingerprint() throws -> FileSetFingerprint {
        try IndexTables(database: IndexDatabase(path: directory.appendingPathComponent(ConversationIndex.fileName).path)).fingerprint()
    }

    @Test func theIndexsFingerprintIsTheDirectorysAfterSavesDeletesAndEdits() throws {
        let store = newStore()
        for number in 0..<20 { try store.save(record("c\(number)", text: "soup number \(number)")) }
        try store.delete(id: "c3")
        try store.save(record("c4", updatedAt: 2, text: "pea soup"))
        try Data("{ not json".utf8).write(to: file("broken"))
        try writeByHand(record("c5", updatedAt: 3, text: "leek tart"))
        _ = newStore().list()
        let directoryFingerprint = try #require(IndexSynchronization.fingerprint(of: directory.path))
        #expect(directoryFingerprint.files == 20)
        #expect(try indexedFingerprint() == directoryFingerprint)
    }

    @Test func findsEveryFileChangedWhileNoPodchatRanAmongMoreThanABatch() throws {
        let count = IndexSynchronization.batchSize * 3
        for number in 0..<count { try writeByHand(record(String(format: "c%04d", number), updatedAt: Double(number), text: "soup")) }
        #expect(newStore().listWindow(offset: 0, limit: 1).total == count)
        let edited = ["c0000", "c0050", "c0700"]
        for id in edited { try writeByHand(record(id, updatedAt: 5_000, text: "leek tart")) }
        let removed = (100..<(100 + IndexSynchronization.batchSize + 10)).map { String(format: "c%04d", $0) }
        for id in removed { try FileManager.default.removeItem(at: file(id)) }
        for number in 0..<5 { try writeByHand(record("added\(number)", updatedAt: 6_000, text: "pea soup")) }
        try Data("{ not json".utf8).write(to: file("c0001"))
        let store = newStore()
        let window = store.listWindow(offset: 0, limit: 8)
        #expect(window.total == count - removed.count + 5 - 1)
        #expect(window.conversations.prefix(5).allSatisfy { $0.id.hasPrefix("added") })
        #expect(Set(window.conversations.dropFirst(5).map(\.id)) == Set(edited))
        #expect(window.unreadable.map(\.path) == [file("c0001").path])
        #expect(Set(store.search("leek").conversations.map(\.id)) == Set(edited))
        #expect(Set(store.list().conversations.map(\.id)).isDisjoint(with: removed))
        #expect(try indexedFingerprint() == IndexSynchronization.fingerprint(of: directory.path))
    }

    @Test func aComparisonThatReadManyFilesLeavesTheJournalEmpty() throws {
        for number in 0..<IndexSynchronization.filesWorthMerging {
            try writeByHand(record(String(format: "c%04d", number), updatedAt: Double(number), text: number == 7 ? "leek tart" : "pea soup"))
        }
        let store = newStore()
        #expect(store.search("leek").conversations.map(\.id) == ["c0007"])
        #expect(store.search("soup ").conversations.count == FileConversationStore.searchResultLimit)
        let journal = directory.appendingPathComponent(ConversationIndex.fileName + "-wal").path
        let size = try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int
        #expect(size == 0, "the merge's journal, as large as the index, is checkpointed and truncated")
    }

    @Test func noticesAFileReplacedByAnotherUnderAnotherName() throws {
        for id in ["c1", "c2"] { try writeByHand(record(id, text: "soup")) }
        _ = newStore().list()
        try FileManager.default.moveItem(at: file("c1"), to: file("c9"))
        let found = newStore().list().conversations.map(\.id)
        #expect(Set(found) == ["c2", "c1"], "a renamed file is read again; its id is inside")
        #expect(try indexedFingerprint() == IndexSynchronization.fingerprint(of: directory.path))
        try FileManager.default.removeItem(at: file("c9"))
        try writeByHand(record("c3", text: "soup"))
        #expect(Set(newStore().list().conversations.map(\.id)) == ["c2", "c3"])
    }
}
