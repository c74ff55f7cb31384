import Foundation
import Glibc
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// The persistent index beside the conversation files: built when missing, kept up to date by
/// saves and deletes, built again when damaged, following files changed while no podchat ran,
/// and finding what a full scan of the files finds.
@Suite struct ConversationIndexTests {
    private let directory: URL

    init() throws {
        directory = URL(fileURLWithPath: try Executables.temporaryDirectory()).appendingPathComponent("conversations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private var indexPath: String { directory.appendingPathComponent(".index.sqlite3").path }

    /// A new store is what a newly started podchat has: nothing in memory, only the files.
    private func newStore() -> FileConversationStore { FileConversationStore(directory: directory) }

    private func record(_ id: String, title: String = "Title", updatedAt: Double = 1, texts: [String]) -> ConversationRecord {
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false)
        let messages = texts.enumerated().map { position, text in
            ConversationRecord.StoredMessage(
                role: position.isMultiple(of: 2) ? .user : .assistant, content: text, time: Double(position),
                reply: position.isMultiple(of: 2) ? nil : .init(status: "completed", parameters: [:]))
        }
        return ConversationRecord(
            id: id, title: title, createdAt: 0, updatedAt: updatedAt, endpoint: "demo", settings: settings, parameters: [:], messages: messages)
    }

    private func writeByHand(_ record: ConversationRecord) throws {
        try FileConversationStore.encode(record).write(to: directory.appendingPathComponent("\(record.id).json"))
    }

    private func ids(_ text: String, in store: FileConversationStore) -> [String] {
        store.search(text).conversations.map(\.id)
    }

    @Test func isBuiltFromScratchBesideTheFilesAndUsedByTheNextProcess() throws {
        try writeByHand(record("c1", texts: ["leek and potato"]))
        try writeByHand(record("c2", updatedAt: 2, texts: ["pea soup"]))
        #expect(!FileManager.default.fileExists(atPath: indexPath))
        #expect(newStore().list().conversations.map(\.id) == ["c2", "c1"])
        #expect(FileManager.default.fileExists(atPath: indexPath))
        var status = stat()
        #expect(stat(indexPath, &status) == 0 && status.st_mode & 0o777 == 0o600, "private, like the conversations")
        #expect(ids("potato", in: newStore()) == ["c1"])
    }

    @Test func followsSavesAndDeletes() throws {
        let store = newStore()
        try store.save(record("c1", texts: ["leek and potato"]))
        #expect(ids("leek", in: store) == ["c1"])
        try store.save(record("c1", updatedAt: 3, texts: ["pea soup"]))
        try store.save(record("c2", updatedAt: 2, texts: ["leek tart"]))
        #expect(ids("leek", in: store) == ["c2"])
        #expect(ids("soup", in: newStore()) == ["c1"])
        try store.delete(id: "c2")
        #expect(ids("leek", in: store).isEmpty)
        #expect(newStore().list().conversations.map(\.id) == ["c1"])
    }

    @Test(arguments: [Data("garbage, not a database".utf8), Data(repeating: 0xFF, count: 8_192), Data()])
    func isBuiltAgainWhenDamaged(bytes: Data) throws {
        try newStore().save(record("c1", texts: ["leek and potato"]))
        _ = newStore().list()
        for suffix in ["-wal", "-shm"] { unlink(indexPath + suffix) }
        try bytes.write(to: URL(fileURLWithPath: indexPath))
        let store = newStore()
        #expect(ids("potato", in: store) == ["c1"])
        #expect(store.list().unreadable.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: indexPath)).prefix(15) == Data("SQLite format 3".utf8))
    }

    @Test func followsFilesEditedAddedAndRemovedWhileNoPodchatRan() throws {
        try newStore().save(record("c1", texts: ["leek and potato"]))
        try newStore().save(record("c2", texts: ["pea soup"]))
        try newStore().save(record("c3", texts: ["onion tart"]))
        _ = newStore().list()
        try writeByHand(record("c1", title: "Edited", texts: ["leek and turnip"]))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("c2.json"))
        try writeByHand(record("c4", texts: ["pea risotto"]))
        try Data("{ not json".utf8).write(to: directory.appendingPathComponent("c3.json"))
        let store = newStore()
        #expect(ids("turnip", in: store) == ["c1"])
        #expect(ids("potato", in: store).isEmpty)
        #expect(ids("pea", in: store) == ["c4"])
        #expect(ids("tart", in: store).isEmpty)
        #expect(store.list().unreadable.map(\.path) == [directory.appendingPathComponent("c3.json").path])
        #expect(store.list().conversations.first { $0.id == "c1" }?.title == "Edited")
    }

    @Test func worksWithoutAnIndexFileWhenItCannotBeWritten() throws {
        try newStore().save(record("c1", texts: ["leek and potato"]))
        try? FileManager.default.removeItem(atPath: indexPath)
        // A directory where the index file would be: SQLite cannot open it, so the index lives in memory.
        try FileManager.default.createDirectory(atPath: indexPath, withIntermediateDirectories: false)
        let store = newStore()
        #expect(ids("potato", in: store) == ["c1"])
        try store.save(record("c2", texts: ["leek tart"]))
        #expect(Set(ids("leek", in: store)) == ["c1", "c2"])
        #expect(store.list().unreadable.isEmpty)
    }

    @Test func marksTheMatchingWordsInTheSnippet() throws {
        let store = newStore()
        try store.save(record("c1", texts: ["A soup of leeks, then Leek tart with more leek"]))
        let found = try #require(store.search("leek ").conversations.first)
        let marked = found.highlights.map { Array(found.snippet)[$0].map(String.init).joined() }
        #expect(marked == ["Leek", "leek"])
        #expect(found.matchedMessage != nil)
    }

    @Test func ranksByRelevanceThenRecency() throws {
        let store = newStore()
        try store.save(record("old", updatedAt: 1, texts: ["pea soup"]))
        try store.save(record("new", updatedAt: 2, texts: ["pea soup"]))
        try store.save(
            record("newest", updatedAt: 3, texts: ["a long message that mentions soup once among very many other words of little interest"]))
        #expect(ids("soup ", in: store) == ["new", "old", "newest"])
    }

    @Test func aWordTooCommonToRankListsItsConversationsNewestFirst() throws {
        // More than 5,000 texts hold "soup": past that, bm25 would cost more than a keystroke may.
        for number in 0..<60 {
            let texts = (0..<90).map { "soup number \($0)" + (number == 7 ? " with leeks" : "") }
            try writeByHand(record("c\(number)", updatedAt: Double(number), texts: texts))
        }
        let store = newStore()
        let found = store.search("soup ").conversations
        #expect(found.map(\.id) == (0..<60).reversed().map { "c\($0)" })
        #expect(found.allSatisfy { $0.highlights.count == 1 && $0.matchedMessage != nil })
        #expect(ids("soup -leeks", in: store).count == 59)
        #expect(ids("soup leeks", in: store) == ["c7"])
    }

    /// Random conversations from a fixed seed, searched through the index and by reading every
    /// file: the same conversations come back.
    @Test func findsWhatAFullScanFinds() throws {
        var random = SeedGenerator(start: 20_261_204)
        let words = ["leek", "leeks", "soup", "pea", "potato", "onion", "tart", "risotto", "garlic", "sage", "thyme", "broth"]
        func pick() -> String { words[Int(random.nextBits() % UInt64(words.count))] }
        func sentence() -> String { (0..<Int(3 + random.nextBits() % 8)).map { _ in pick() }.joined(separator: " ") }
        let store = newStore()
        for number in 0..<60 {
            let record = record(
                "c\(number)", title: sentence(), updatedAt: Double(number), texts: (0..<Int(1 + random.nextBits() % 5)).map { _ in sentence() })
            try (number.isMultiple(of: 3) ? writeByHand(record) : store.save(record))
        }
        var queries: [String] = []
        for _ in 0..<20 {
            let first = pick()
            let second = pick()
            queries += [
                "\(first) ", "\(first) \(second) ", "\"\(first) \(second)\"", "\(first.prefix(3))", "\(first.prefix(4))",
                "\(second) \(first.prefix(5))*", "\(first) -\(second)", "-\(first)",
            ]
        }
        for query in queries {
            #expect(Set(ids(query, in: newStore())) == fullScan(query), "\(query)")
        }
    }

    /// What a search finds, by decoding every file: a conversation matches when one text (its
    /// title or a message) holds every included term and none of its texts holds an excluded one.
    private func fullScan(_ text: String) -> Set<String> {
        let query = SearchQuery(parsing: text)
        var found: Set<String> = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let record = try? FileConversationStore.decode(data, path: name)
            else { continue }
            let texts = [record.title] + record.messages.map(\.content)
            let tokens = texts.map { $0.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init) }
            let included = tokens.contains { words in query.included.allSatisfy { Self.holds(words, $0) } }
            let excluded = tokens.contains { words in query.excluded.contains { Self.holds(words, $0) } }
            if (included || query.included.isEmpty) && !excluded { found.insert(record.id) }
        }
        return found
    }

    private static func holds(_ words: [String], _ term: SearchQuery.Term) -> Bool {
        let phrase = term.words.lowercased().split(separator: " ").map(String.init)
        guard phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { offset in
                let word = words[start + offset]
                return offset == phrase.count - 1 && term.isPrefix ? word.hasPrefix(phrase[offset]) : word == phrase[offset]
            }
        }
    }
}
