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
    /// Files as this store last wrote them: still so, they are known to be readable.
    private let written = Mutex<[String: FileIdentity]>([:])

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

    /// Whether the file at `path` is, unchanged, one this store wrote or read whole: then a
    /// save may replace it without decoding it again (which for a 10,000-message conversation
    /// would pause the chat window after every reply).
    func isKnownReadable(_ path: String) -> Bool {
        guard let identity = FileIdentity(path: path) else { return false }
        if written.withLock({ $0[path] }) == identity { return true }
        return entries.withLock { entries in
            guard let entry = entries[path], entry.identity == identity, case .success = entry.content else { return false }
            return true
        }
    }

    /// The file at `path` was just written by this store.
    func noteWritten(_ path: String) {
        let identity = FileIdentity(path: path)
        written.withLock { $0[path] = identity }
    }
}
