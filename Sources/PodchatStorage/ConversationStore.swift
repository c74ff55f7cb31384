import PodchatCore

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
    /// At most `limit` conversations of the newest-first listing from position `offset` on,
    /// with the listing's size and the files that could not be read: what the picker holds.
    func listWindow(offset: Int, limit: Int) -> ConversationWindow
    /// The titles and ids that begin with `prefix` (ignoring case), newest conversation first,
    /// each once, at most `limit` of them: what Tab after `/load ` completes from.
    func names(beginning prefix: String, limit: Int) -> [String]
    /// Conversations whose title or messages contain `text` (case-insensitive), newest first,
    /// each with a snippet around the first match, plus the files that could not be searched.
    func search(_ text: String) -> ConversationListing
    /// Removes the conversation with this exact id.
    func delete(id: String) throws(ConversationStoreError)
    /// Gets ready for a first listing without being asked for one; called off the loop's
    /// thread when podchat starts.
    func prepare()
}

extension ConversationStore {
    /// Most stores have nothing to prepare.
    package func prepare() {}
}
