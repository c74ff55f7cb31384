/// A listing: the conversations that could be read, newest first, and those that could not.
package struct ConversationListing: Sendable, Equatable {
    package var conversations: [ConversationSummary]
    /// Each file that could not be read, with the reason.
    package var unreadable: [ConversationStoreError]

    package init(conversations: [ConversationSummary], unreadable: [ConversationStoreError]) {
        self.conversations = conversations
        self.unreadable = unreadable
    }
}
