import Glibc
import PodchatCore
import Synchronization

/// What a ``FileConversationStore`` knows of its files: a persistent index beside them
/// (`.index.sqlite3`, SQLite with FTS5) holding each file's identity, summary and text, so a
/// listing or a search reads no conversation file that has not changed, in this process or
/// since the last.
///
/// The files stay the truth and the index is a cache. Before each listing or search the
/// directory is listed and every file's identity (one `stat`) compared with the index's: files
/// added, changed or removed by anyone, podchat running or not, are read or forgotten. An index
/// that is damaged or of another version is deleted and built again; one that cannot be
/// opened or written at all (a read-only directory, a full disk) is replaced by one in memory,
/// built by reading every file, so podchat works as before, only slower to start.
final class ConversationIndex: Sendable {
    /// The index file's name in the conversations directory: hidden, so never a conversation.
    static let fileName = ".index.sqlite3"

    private struct Connection: Sendable {
        var tables: IndexTables
        /// In memory only because the directory did not exist yet: moves to disk once it does.
        var waitsForDirectory: Bool
        /// What changed since the last comparison; nil until the first, or without inotify.
        var watch: DirectoryWatch?
    }

    private let directory: String
    private let connection = Mutex<Connection?>(nil)

    init(directory: String) {
        self.directory = directory
    }

    /// Reads what a file holds: its identity and record, or why it cannot be read; nil for a
    /// file that has gone. The store's decoding, so the index never judges a file differently.
    typealias Reader = (String) -> (FileIdentity?, Result<ConversationRecord, ConversationStoreError>)?

    /// Every readable conversation, newest first, and the files that cannot be read.
    func listing(reading read: @escaping Reader) -> ConversationListing {
        withTables(synchronizing: read) { tables throws(IndexDatabase.Failure) in
            let (conversations, problems) = try tables.listing()
            return ConversationListing(conversations: conversations, unreadable: unreadable(problems))
        } ?? ConversationListing(conversations: [], unreadable: [])
    }

    /// A stretch of the listing (see ``IndexTables/window(offset:limit:)``) and the files that cannot be read.
    func window(offset: Int, limit: Int, reading read: @escaping Reader) -> ConversationWindow {
        withTables(synchronizing: read) { tables throws(IndexDatabase.Failure) in
            let (conversations, total) = try tables.window(offset: offset, limit: limit)
            return ConversationWindow(offset: offset, conversations: conversations, total: total, unreadable: unreadable(try tables.problems()))
        } ?? ConversationWindow(offset: offset, conversations: [], total: 0, unreadable: [])
    }

    /// The titles and ids beginning with `prefix` (see ``IndexTables/names(beginning:limit:)``).
    func names(beginning prefix: String, limit: Int, reading read: @escaping Reader) -> [String] {
        withTables(synchronizing: read) { tables throws(IndexDatabase.Failure) in try tables.names(beginning: prefix, limit: limit) } ?? []
    }

    /// What `query` finds (see ``IndexTables/search(_:)``), and the files that cannot be read.
    func search(_ query: SearchQuery, reading read: @escaping Reader) -> ConversationListing {
        withTables(synchronizing: read) { tables throws(IndexDatabase.Failure) in
            ConversationListing(conversations: try tables.search(query), unreadable: unreadable(try tables.problems()))
        } ?? ConversationListing(conversations: [], unreadable: [])
    }

    /// Whether the file at `path` is, unchanged, one this store wrote or read whole: then a
    /// save may replace it without decoding it again (which for a 10,000-message conversation
    /// would pause the chat window after every reply).
    func isKnownReadable(_ path: String) -> Bool {
        guard let signature = FileIdentity(path: path)?.signature else { return false }
        return withTables(synchronizing: nil) { tables throws(IndexDatabase.Failure) in
            try tables.isReadable(Self.name(of: path), signature: signature)
        } ?? false
    }

    /// The file at `path` was just written by this store with `record`: the index takes it in
    /// now, so the next listing need not read it.
    func noteWritten(_ path: String, record: ConversationRecord) {
        let signature = FileIdentity(path: path)?.signature
        _ = withTables(synchronizing: nil) { tables throws(IndexDatabase.Failure) in
            try tables.database.transaction { () throws(IndexDatabase.Failure) in
                try tables.store(Self.name(of: path), signature: signature, content: .success(record))
            }
        }
    }

    /// The file at `path` was just deleted by this store.
    func noteDeleted(_ path: String) {
        _ = withTables(synchronizing: nil) { tables throws(IndexDatabase.Failure) in try tables.remove(Self.name(of: path)) }
    }

    /// Runs `work` on the index, first brought up to date with the directory when `read` is
    /// given. A damaged index is deleted and built again once; if that fails too, or the file
    /// cannot be written, the index moves to memory for good. Nil only if even that fails.
    private func withTables<T: Sendable>(synchronizing read: Reader?, _ work: (IndexTables) throws(IndexDatabase.Failure) -> T) -> T? {
        connection.withLock { connection in
            for attempt in 0..<3 {
                do throws(IndexDatabase.Failure) {
                    let tables = try open(&connection)
                    if let read { try synchronize(&connection, tables, reading: read) }
                    return try work(tables)
                } catch {
                    recover(from: error, deleting: attempt == 0, &connection)
                }
            }
            return nil
        }
    }

    /// Compares the whole directory the first time, and then only the files the watch saw change.
    private func synchronize(_ connection: inout Connection?, _ tables: IndexTables, reading read: @escaping Reader) throws(IndexDatabase.Failure) {
        let synchronization = IndexSynchronization(directory: directory, tables: tables)
        if let watch = connection?.watch, case .files(let names) = watch.changes() {
            return try synchronization.run(names: names, reading: read)
        }
        // Watching first, so a change made during the comparison is seen the next time.
        connection?.watch = DirectoryWatch(directory: directory)
        try synchronization.run(reading: read)
    }

    /// Brings the index up to date with the directory, so the first listing only reads it.
    func prepare(reading read: @escaping Reader) {
        _ = withTables(synchronizing: read) { _ throws(IndexDatabase.Failure) in () }
    }

    private func open(_ connection: inout Connection?) throws(IndexDatabase.Failure) -> IndexTables {
        let onDisk = directoryExists
        if let connection, !(connection.waitsForDirectory && onDisk) { return connection.tables }
        // Until the first save makes the directory, there is nothing to index but in memory.
        if onDisk { createPrivately(indexPath) }
        let tables = IndexTables(database: try IndexDatabase(path: onDisk ? indexPath : ":memory:"))
        try tables.prepare()
        connection = Connection(tables: tables, waitsForDirectory: !onDisk, watch: nil)
        return tables
    }

    /// Deletes a damaged index file the first time, so the next attempt builds it anew; any
    /// other failure (read-only, full disk, locked, damaged again) moves the index to memory.
    private func recover(from failure: IndexDatabase.Failure, deleting: Bool, _ connection: inout Connection?) {
        connection = nil
        if failure.isDamage && deleting {
            for suffix in ["", "-wal", "-shm"] { unlink(indexPath + suffix) }
        } else if let tables = try? IndexTables(database: IndexDatabase(path: ":memory:")), (try? tables.prepare()) != nil {
            connection = Connection(tables: tables, waitsForDirectory: false, watch: nil)
        }
    }

    /// Creates the index file, if missing, readable by the user alone, like the conversations
    /// it copies (SQLite would follow the umask; its journal files take the file's mode).
    private func createPrivately(_ path: String) {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    private var indexPath: String { directory + "/" + Self.fileName }

    private var directoryExists: Bool {
        var status = stat()
        return stat(directory, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private func unreadable(_ problems: [(name: String, reason: String)]) -> [ConversationStoreError] {
        problems.map { ConversationStoreError(path: directory + "/" + $0.name, reason: $0.reason) }
    }

    private static func name(of path: String) -> String {
        String(path.split(separator: "/").last ?? "")
    }
}
