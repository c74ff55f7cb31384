import PodchatCore
import Synchronization

/// What a ``FileConversationStore`` knows of its files between calls: each file's summary and
/// searchable text, or why it cannot be read, kept while the file is unchanged.
///
/// Reading and decoding 1,000 conversations takes about 300 ms; seeing that none changed
/// (one `stat` each) about 2 ms. So only the first listing pays, and the picker can search on
/// every keystroke.
final class ConversationIndex: Sendable {
    private struct Entry: Sendable {
        /// Nil when the file could not even be examined; such an entry is read again next time.
        var identity: FileIdentity?
        var content: Result<IndexedConversation, ConversationStoreError>
    }

    /// Files read since the last call, keyed by path.
    private let entries = Mutex<[String: Entry]>([:])

    init() {}

    /// Every conversation in `paths`, and the files that cannot be read. Files unchanged since
    /// the last call are not read again; `read` reads the others, returning nil for a file
    /// that has gone. Files no longer in `paths` are forgotten.
    func conversations(
        in paths: [String], read: (String) -> (FileIdentity?, Result<ConversationRecord, ConversationStoreError>)?
    ) -> (conversations: [IndexedConversation], unreadable: [ConversationStoreError]) {
        entries.withLock { entries in
            var current: [String: Entry] = [:]
            var conversations: [IndexedConversation] = []
            var unreadable: [ConversationStoreError] = []
            for path in paths {
                let known = entries[path].flatMap { entry in entry.identity != nil && FileIdentity(path: path) == entry.identity ? entry : nil }
                guard let entry = known ?? read(path).map({ Entry(identity: $0, content: $1.map(IndexedConversation.init)) }) else { continue }
                current[path] = entry
                switch entry.content {
                case .success(let conversation): conversations.append(conversation)
                case .failure(let error): unreadable.append(error)
                }
            }
            entries = current
            unreadable.sort { $0.path < $1.path }
            return (conversations, unreadable)
        }
    }
}
