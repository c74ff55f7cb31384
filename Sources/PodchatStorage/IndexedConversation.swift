import PodchatCore

/// What the index keeps of a conversation file: its summary for listings, and its text for
/// searches. The messages themselves are read from the file again when a conversation opens.
struct IndexedConversation: Sendable {
    /// Its snippet is the start of the first user message.
    let summary: ConversationSummary
    let text: SearchableText
    /// The id of each message, in the order of its text after the title's.
    let messageIDs: [Int]

    init(_ record: ConversationRecord) {
        let opening = record.messages.first { $0.role == .user }.map { SearchableText.opening(of: $0.content) } ?? ""
        summary = ConversationSummary(
            id: record.id, title: record.title, createdAt: record.createdAt, updatedAt: record.updatedAt,
            messageCount: record.messages.count, snippet: opening)
        text = SearchableText(fields: [record.title] + record.messages.map(\.content))
        messageIDs = ((try? record.links()) ?? []).map(\.id)
    }

    /// The id of the message that field `field` of ``text`` holds; nil for the title.
    func message(inField field: Int) -> Int? {
        field > 0 && field <= messageIDs.count ? messageIDs[field - 1] : nil
    }
}
