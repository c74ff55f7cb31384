import PodchatCore
import PodchatStorage
import Synchronization

/// A ``ConversationStore`` in memory, keeping the protocol's contract (newest first, find by
/// id, id prefix or title, case-insensitive search with a snippet), for tests that need no files.
package final class InMemoryConversationStore: ConversationStore {
    private struct Contents {
        var records: [String: ConversationRecord] = [:]
        var unreadable: [ConversationStoreError] = []
        var failingSaves: String?
    }

    private let contents = Mutex(Contents())

    package init(_ records: [ConversationRecord] = [], unreadable: [ConversationStoreError] = []) {
        contents.withLock {
            for record in records { $0.records[record.id] = record }
            $0.unreadable = unreadable
        }
    }

    /// Makes every later save fail with `reason` (a full disk, a read-only directory).
    package func failSaves(with reason: String) {
        contents.withLock { $0.failingSaves = reason }
    }

    /// Every stored record, newest first.
    package var records: [ConversationRecord] {
        contents.withLock { $0.records.values.sorted(by: Self.newestFirst) }
    }

    package func save(_ record: ConversationRecord) throws(ConversationStoreError) {
        let failure: String? = contents.withLock { contents in
            if contents.failingSaves == nil { contents.records[record.id] = record }
            return contents.failingSaves
        }
        if let failure { throw ConversationStoreError(path: "memory/\(record.id).json", reason: failure) }
    }

    package func load(id: String) throws(ConversationStoreError) -> ConversationRecord {
        guard let record = contents.withLock({ $0.records[id] }) else { throw Self.notFound(id) }
        return record
    }

    package func find(_ name: String) throws(ConversationStoreError) -> ConversationRecord {
        let all = records
        if let exact = all.first(where: { $0.id == name }) { return exact }
        let prefixed = all.filter { $0.id.hasPrefix(name) }
        if prefixed.count == 1 { return prefixed[0] }
        if let titled = all.first(where: { $0.title.lowercased() == name.lowercased() }) { return titled }
        throw Self.notFound(name)
    }

    package func list() -> ConversationListing {
        ConversationListing(
            conversations: records.map { Self.summary($0, snippet: Self.firstUserText($0)) }, unreadable: contents.withLock { $0.unreadable })
    }

    package func listWindow(offset: Int, limit: Int) -> ConversationWindow {
        let listing = list()
        let start = min(max(0, offset), listing.conversations.count)
        let rows = listing.conversations[start...].prefix(max(0, limit))
        return ConversationWindow(offset: offset, conversations: Array(rows), total: listing.conversations.count, unreadable: listing.unreadable)
    }

    package func names(beginning prefix: String, limit: Int) -> [String] {
        let names = records.flatMap { [$0.title, $0.id] }.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
        return Array(names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.prefix(limit))
    }

    package func search(_ text: String) -> ConversationListing {
        let needle = text.lowercased()
        let found = records.compactMap { record in
            if record.title.lowercased().contains(needle) { return Self.summary(record, snippet: Self.firstUserText(record)) }
            let match = record.messages.first { $0.content.lowercased().contains(needle) }
            return match.map { Self.summary(record, snippet: $0.content) }
        }
        return ConversationListing(conversations: found, unreadable: contents.withLock { $0.unreadable })
    }

    package func delete(id: String) throws(ConversationStoreError) {
        guard contents.withLock({ $0.records.removeValue(forKey: id) }) != nil else { throw Self.notFound(id) }
    }

    private static func newestFirst(_ first: ConversationRecord, _ second: ConversationRecord) -> Bool {
        first.updatedAt != second.updatedAt ? first.updatedAt > second.updatedAt : first.id < second.id
    }

    private static func summary(_ record: ConversationRecord, snippet: String) -> ConversationSummary {
        ConversationSummary(
            id: record.id, title: record.title, createdAt: record.createdAt, updatedAt: record.updatedAt, messageCount: record.messages.count,
            snippet: snippet)
    }

    private static func firstUserText(_ record: ConversationRecord) -> String {
        record.messages.first { $0.role == .user }?.content ?? ""
    }

    private static func notFound(_ name: String) -> ConversationStoreError {
        ConversationStoreError(path: name, reason: "no such conversation")
    }
}
