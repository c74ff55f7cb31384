/// A stretch of the newest-first listing: the conversations at positions `offset` onwards, how
/// many readable conversations there are in all, and the files that could not be read. The
/// picker holds one of these around its selection instead of the whole listing, so its memory
/// does not grow with the number of conversations.
package struct ConversationWindow: Sendable, Equatable {
    /// The position of the first of `conversations` in the whole listing.
    package var offset: Int
    package var conversations: [ConversationSummary]
    /// How many readable conversations the whole listing holds.
    package var total: Int
    /// Each file that could not be read, with the reason.
    package var unreadable: [ConversationStoreError]

    package init(offset: Int, conversations: [ConversationSummary], total: Int, unreadable: [ConversationStoreError]) {
        self.offset = offset
        self.conversations = conversations
        self.total = total
        self.unreadable = unreadable
    }
}
