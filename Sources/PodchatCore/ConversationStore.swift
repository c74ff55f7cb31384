/// Where conversations are kept. The contract every implementation keeps: a save is atomic (a
/// reader or a crash sees the old file or the new one, never a torn or empty one); a file that
/// cannot be read is reported by name with the reason and is never overwritten or deleted by a
/// save; listings are newest first.
package protocol ConversationStore: Sendable {
    /// Writes `record` atomically, replacing the stored version with the same id.
    func save(_ record: ConversationRecord) throws(ConversationStoreError)
    /// The conversation with this exact id.
    func load(id: String) throws(ConversationStoreError) -> ConversationRecord
    /// The conversation `name` refers to: an exact id, a unique id prefix, or a title (the
    /// newest conversation with that title, case-insensitive).
    func find(_ name: String) throws(ConversationStoreError) -> ConversationRecord
    /// Every conversation, newest first, plus the files that could not be read.
    func list() -> ConversationListing
    /// Conversations whose title or messages contain `text` (case-insensitive), newest first,
    /// each with a snippet around the first match, plus the files that could not be searched.
    func search(_ text: String) -> ConversationListing
    func delete(id: String) throws(ConversationStoreError)
}

/// What a listing shows of a conversation without loading all of it.
package struct ConversationSummary: Sendable, Equatable {
    package var id: String
    package var title: String
    /// Seconds since 1970-01-01 UTC, as stored.
    package var createdAt: Double
    package var updatedAt: Double
    package var messageCount: Int
    /// A line of text to show beside the title: the search match, or the first user message.
    package var snippet: String

    package init(id: String, title: String, createdAt: Double, updatedAt: Double, messageCount: Int, snippet: String) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.snippet = snippet
    }
}

/// A listing: the conversations that could be read, newest first, and those that could not.
package struct ConversationListing: Sendable, Equatable {
    package var conversations: [ConversationSummary]
    package var unreadable: [ConversationStoreError]

    package init(conversations: [ConversationSummary], unreadable: [ConversationStoreError]) {
        self.conversations = conversations
        self.unreadable = unreadable
    }
}

/// A conversation that could not be found, read or written, naming the file and the reason.
package struct ConversationStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file concerned, or the name asked for when nothing matched.
    package var path: String
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    package var description: String { "\(path): \(reason)" }
}
