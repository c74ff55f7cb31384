/// What a listing shows of a conversation without loading all of it.
package struct ConversationSummary: Sendable, Equatable {
    /// The conversation's id, which names its file.
    package var id: String
    package var title: String
    /// Seconds since 1970-01-01 UTC, as stored.
    package var createdAt: Double
    /// When it last changed, in the same unit: listings sort by it.
    package var updatedAt: Double
    package var messageCount: Int
    /// A line of text to show beside the title: the search match, or the first user message.
    package var snippet: String
    /// In a search's results: the id of the message whose text matched, in whichever branch;
    /// nil when the title matched, and in a listing.
    package var matchedMessage: Int?
    /// In a search's results: where in ``snippet`` the matching words are, in characters.
    package var highlights: [Range<Int>] = []

    package init(
        id: String, title: String, createdAt: Double, updatedAt: Double, messageCount: Int, snippet: String, matchedMessage: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.snippet = snippet
        self.matchedMessage = matchedMessage
    }
}
