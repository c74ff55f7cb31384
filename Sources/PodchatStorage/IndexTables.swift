import Foundation
import PodchatCore

/// The index's tables in an open database: per conversation file its identity and summary (or
/// why it cannot be read), and the text of its title and messages in an FTS5 table.
///
/// A text's rowid is its conversation's key shifted left 20 bits, plus its field (0 the title,
/// then the messages in the order stored), so a conversation's texts are one rowid range and a
/// match names its conversation without a join.
///
/// `newest_first` holds the readable conversations' summaries in the listing's order, so a
/// window or a newest-first search reads a few pages of it and no row: rows lie in the order
/// files were first read, and 200 scattered ones cost a page each. (`problem`, always null
/// there, is in it so that SQLite sees the index covers the queries' `problem IS NULL`.)
///
/// One row of `totals` sums up `conversations`, kept so by triggers in the statement that
/// changes a row: how many files, how many of them readable, and their ``FileSetFingerprint``,
/// so neither the start-up comparison nor the picker's count reads every row.
struct IndexTables: Sendable {
    /// Raised when the tables change shape; an index of another version is built again.
    static let schemaVersion = 2
    /// At most this many results, the most relevant: each carries a snippet, and nobody reads
    /// further down a list than that.
    static let resultLimit = 100
    /// Scoring every matching text with bm25 costs about 2 µs each: a word in more texts than
    /// this is too common to rank by, and its conversations come newest first instead.
    static let scoredTextLimit = 5_000
    /// SQLite's own cache of the index's pages, at most (its default is 2,000 KiB). The file
    /// is in the kernel's page cache anyway, so a page SQLite lets go costs a 4 KiB `pread`
    /// when read again; a search at 10,000 conversations reads about the same pages from the
    /// kernel with half the default, while the memory it holds is what grew with the count.
    private static let pageCacheKibibytes = 1_024
    private static let fieldBits: Int64 = 20
    private static let maximumField: Int64 = (1 << fieldBits) - 1

    let database: IndexDatabase

    /// Creates the tables unless they are there, in this version.
    func prepare() throws(IndexDatabase.Failure) {
        // A cache: losing the last changes to a crash costs a re-read, never a conversation.
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -\(Self.pageCacheKibibytes)")
        var version = 0
        try database.query("PRAGMA user_version") { row in version = Int(row.integer(0)) }
        guard version != Self.schemaVersion else { return try prepareVocabulary() }
        defer { try? prepareVocabulary() }
        try database.execute(
            """
            DROP TABLE IF EXISTS conversations; DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS totals;
            CREATE TABLE conversations(
                key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, signature TEXT, fingerprint INTEGER NOT NULL,
                id TEXT, title TEXT, created_at REAL, updated_at REAL, message_count INTEGER, opening TEXT,
                problem TEXT);
            CREATE INDEX newest_first ON conversations(updated_at DESC, id, title, created_at, message_count, opening, problem)
                WHERE problem IS NULL;
            CREATE INDEX unreadable ON conversations(name) WHERE problem IS NOT NULL;
            CREATE VIRTUAL TABLE texts USING fts5(body, message UNINDEXED, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
            CREATE TABLE totals(files INTEGER NOT NULL, readable INTEGER NOT NULL, fingerprint INTEGER NOT NULL);
            INSERT INTO totals VALUES (0, 0, 0);
            CREATE TRIGGER counted AFTER INSERT ON conversations BEGIN \(Self.totalsUpdate(adding: "new")) END;
            CREATE TRIGGER uncounted AFTER DELETE ON conversations BEGIN \(Self.totalsUpdate(removing: "old")) END;
            CREATE TRIGGER recounted AFTER UPDATE ON conversations BEGIN \(Self.totalsUpdate(removing: "old")) \(Self.totalsUpdate(adding: "new")) END;
            PRAGMA user_version = \(Self.schemaVersion);
            """)
    }

    /// The statement that counts the row `row` (`new`) into `totals`.
    private static func totalsUpdate(adding row: String) -> String {
        "UPDATE totals SET files = files + 1, readable = readable + (\(row).problem IS NULL), fingerprint = \(exclusiveOr("fingerprint", "\(row).fingerprint"));"
    }

    /// The statement that counts the row `row` (`old`) out of `totals`.
    private static func totalsUpdate(removing row: String) -> String {
        "UPDATE totals SET files = files - 1, readable = readable - (\(row).problem IS NULL), fingerprint = \(exclusiveOr("fingerprint", "\(row).fingerprint"));"
    }

    /// `a XOR b` in SQL, which has no such operator: the bits of either less those of both.
    /// Exact for any two 64-bit integers (the difference is the XOR, so it cannot overflow into
    /// a floating-point value as a sum could).
    private static func exclusiveOr(_ a: String, _ b: String) -> String { "((\(a) | \(b)) - (\(a) & \(b)))" }

    /// The index's words, for ``alternatives(to:)``; a table of this connection only.
    private func prepareVocabulary() throws(IndexDatabase.Failure) {
        try database.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary USING fts5vocab(main, texts, 'row')")
    }

    /// The fingerprint of every indexed file, readable or not, from `totals`.
    func fingerprint() throws(IndexDatabase.Failure) -> FileSetFingerprint {
        var fingerprint = FileSetFingerprint()
        try database.query("SELECT files, fingerprint FROM totals") { row in
            fingerprint = FileSetFingerprint(files: row.integer(0), hash: row.integer(1))
        }
        return fingerprint
    }

    /// The signatures the index holds for those of `names` it holds (nil: read it again),
    /// each looked up through the names' index, so the rows read are those asked for.
    func signatures(of names: [String]) throws(IndexDatabase.Failure) -> [String: String?] {
        let lookup = try database.prepare("SELECT signature FROM conversations WHERE name = ?")
        var signatures: [String: String?] = [:]
        for name in names {
            try lookup.query([.text(name)]) { row in signatures[name] = row.isNull(0) ? String?.none : row.text(0) }
        }
        return signatures
    }

    /// At most `limit` indexed names after `name`, in order: the index's files a page at a time.
    func names(after name: String, limit: Int) throws(IndexDatabase.Failure) -> [String] {
        var names: [String] = []
        try database.query("SELECT name FROM conversations WHERE name > ? ORDER BY name LIMIT ?", [.text(name), .integer(Int64(limit))]) { row in
            names.append(row.text(0))
        }
        return names
    }

    /// Whether the file `name` is indexed as readable with this signature.
    func isReadable(_ name: String, signature: String) throws(IndexDatabase.Failure) -> Bool {
        var readable = false
        try database.query("SELECT 1 FROM conversations WHERE name = ? AND signature = ? AND problem IS NULL", [.text(name), .text(signature)]) {
            _ in readable = true
        }
        return readable
    }

    /// Whether the file `name` is indexed, readable or not, with this signature.
    func isIndexed(_ name: String, signature: String) throws(IndexDatabase.Failure) -> Bool {
        var indexed = false
        try database.query("SELECT 1 FROM conversations WHERE name = ? AND signature = ?", [.text(name), .text(signature)]) { _ in indexed = true }
        return indexed
    }

    /// Merges the text index's segments into one, then empties the journal that wrote. Reading
    /// many files leaves FTS5 many segments, each consulted by every query: at 10,000
    /// conversations a search for "a" took 14 ms over them and 6 ms over one.
    func mergeTextSegments() throws(IndexDatabase.Failure) {
        try database.execute("INSERT INTO texts(texts) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Forgets the file `name`.
    func remove(_ name: String) throws(IndexDatabase.Failure) {
        var key: Int64?
        try database.query("DELETE FROM conversations WHERE name = ? RETURNING key", [.text(name)]) { row in key = row.integer(0) }
        guard let key else { return }
        try database.query(
            "DELETE FROM texts WHERE rowid BETWEEN ? AND ?", [.integer(key << Self.fieldBits), .integer(key << Self.fieldBits | Self.maximumField)])
    }

    /// Records what the file `name` holds now, replacing what was known of it.
    func store(_ name: String, signature: String?, content: Result<ConversationRecord, ConversationStoreError>) throws(IndexDatabase.Failure) {
        try remove(name)
        // A file without a signature counts as 0 in the fingerprint, which no directory's file
        // has (but by a 2⁻⁶⁴ chance), so the next comparison reads it again.
        let fingerprint = signature.map { FileSetFingerprint.hash(name: name, signature: $0) } ?? 0
        let identity: [IndexDatabase.Value] = [.text(name), signature.map { .text($0) } ?? .null, .integer(fingerprint)]
        switch content {
        case .failure(let problem):
            try database.query(
                "INSERT INTO conversations(name, signature, fingerprint, problem) VALUES (?, ?, ?, ?)", identity + [.text(problem.reason)])
        case .success(let record):
            let opening = record.messages.first { $0.role == .user }.map { SearchSnippet.opening(of: $0.content) } ?? ""
            var key: Int64 = 0
            try database.query(
                """
                INSERT INTO conversations(name, signature, fingerprint, id, title, created_at, updated_at, message_count, opening)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING key
                """,
                identity + [
                    .text(record.id), .text(record.title), .real(record.createdAt), .real(record.updatedAt),
                    .integer(Int64(record.messages.count)), .text(opening),
                ]
            ) { row in key = row.integer(0) }
            try storeTexts(of: record, key: key)
        }
    }

    private func storeTexts(of record: ConversationRecord, key: Int64) throws(IndexDatabase.Failure) {
        let insert = try database.prepare("INSERT INTO texts(rowid, body, message) VALUES (?, ?, ?)")
        try insert.run([.integer(key << Self.fieldBits), .text(record.title), .null])
        // Ids by position, as the tree numbers them; a record that fails to link was refused on reading.
        let ids = ((try? record.links()) ?? []).map(\.id)
        for (position, message) in record.messages.enumerated() where Int64(position) < Self.maximumField {
            let id: IndexDatabase.Value = position < ids.count ? .integer(Int64(ids[position])) : .null
            try insert.run([.integer(key << Self.fieldBits | Int64(position + 1)), .text(message.content), id])
        }
    }

    /// Every readable conversation, newest first (ties by id), and the unreadable files' names
    /// and reasons, by name.
    func listing() throws(IndexDatabase.Failure) -> (conversations: [ConversationSummary], problems: [(name: String, reason: String)]) {
        var conversations: [ConversationSummary] = []
        try database.query("SELECT \(Self.summaryColumns), opening FROM conversations c WHERE problem IS NULL ORDER BY updated_at DESC, id") { row in
            conversations.append(Self.summary(row, snippet: row.text(5)))
        }
        return (conversations, try problems())
    }

    /// At most `limit` readable conversations from position `offset` of the newest-first
    /// listing, and how many readable ones there are (from `totals`: counting the rows would
    /// read them all, each time the picker opens). Read along the `newest_first` index from
    /// whichever end is nearer, since an offset is skipped one entry at a time: End at 10,000
    /// conversations would otherwise pass through the whole index to show the last 200.
    func window(offset: Int, limit: Int) throws(IndexDatabase.Failure) -> (conversations: [ConversationSummary], total: Int) {
        var total = 0
        try database.query("SELECT readable FROM totals") { row in total = Int(row.integer(0)) }
        let start = max(0, offset)
        let end = min(total, start + max(0, limit))
        guard start < end else { return ([], total) }
        let fromOldest = total - end < start
        var conversations: [ConversationSummary] = []
        try database.query(
            """
            SELECT \(Self.summaryColumns), opening FROM conversations c WHERE problem IS NULL
            ORDER BY \(fromOldest ? "updated_at, id DESC" : "updated_at DESC, id") LIMIT ? OFFSET ?
            """, [.integer(Int64(end - start)), .integer(Int64(fromOldest ? total - end : start))]
        ) { row in conversations.append(Self.summary(row, snippet: row.text(5))) }
        return (fromOldest ? conversations.reversed() : conversations, total)
    }

    /// The titles and ids beginning with `prefix` (ignoring case as Swift does, beyond ASCII),
    /// newest conversation first, each once, at most `limit`: the rows are looked at one by
    /// one and only the names that match are kept.
    func names(beginning prefix: String, limit: Int) throws(IndexDatabase.Failure) -> [String] {
        let lowered = prefix.lowercased()
        var names: [String] = []
        try database.query("SELECT title, id FROM conversations WHERE problem IS NULL ORDER BY updated_at DESC, id") { row in
            for name in [row.text(0), row.text(1)] where names.count < limit && name.lowercased().hasPrefix(lowered) && !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }

    /// The unreadable files' names and reasons, by name, through the `unreadable` index,
    /// which holds them alone: every window and every keystroke's search asks for them.
    func problems() throws(IndexDatabase.Failure) -> [(name: String, reason: String)] {
        var problems: [(name: String, reason: String)] = []
        try database.query("SELECT name, problem FROM conversations WHERE problem IS NOT NULL ORDER BY name") { row in
            problems.append((row.text(0), row.text(1)))
        }
        return problems
    }

    /// The conversations `query` finds, most relevant first, then newest; each with a snippet
    /// around its best match and the message that holds it.
    func search(_ query: SearchQuery) throws(IndexDatabase.Failure) -> [ConversationSummary] {
        // Numbered: the newest-first query names its own expression ?1 twice.
        let excluded = query.excluded.isEmpty ? "" : "AND c.key NOT IN (SELECT rowid >> \(Self.fieldBits) FROM texts WHERE texts MATCH ?2)"
        let exclusion: [IndexDatabase.Value] = query.excluded.isEmpty ? [] : [.text(SearchExpression.anyOf(query.excluded))]
        guard !query.included.isEmpty else { return try everything(except: excluded, exclusion) }
        let expression = SearchExpression.allOf(alternatives: try query.included.map(alternatives))
        let hits =
            try matchCount(expression) > Self.scoredTextLimit
            ? try newest(matching: expression, except: excluded, exclusion) : try mostRelevant(matching: expression, except: excluded, exclusion)
        // One statement for every hit: preparing it again took a fifth of each snippet's time.
        let snippets = try database.prepare(
            "SELECT message, snippet(texts, 0, char(2), char(3), '…', \(SearchSnippet.tokens)) FROM texts WHERE texts MATCH ? AND rowid = ?")
        return try hits.map { hit throws(IndexDatabase.Failure) in try marked(hit.summary, rowid: hit.rowid, expression: expression, with: snippets) }
    }

    /// A prefix longer than the index's prefixes (two and three letters) as the few words of
    /// the index it begins: FTS5 merges every such word's list again in each statement that
    /// names the prefix, 10 ms for a common word, while an OR of words is read as it goes.
    private func alternatives(to term: SearchQuery.Term) throws(IndexDatabase.Failure) -> [SearchQuery.Term] {
        let words = term.words.split(separator: " ")
        guard term.isPrefix, let last = words.last, last.count > 3 else { return [term] }
        let prefix = String(last).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var found: [String] = []
        try database.query(
            "SELECT term FROM temp.vocabulary WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT \(Self.prefixWordLimit + 1)", [.text(prefix)]
        ) { row in found.append(row.text(0)) }
        guard (1...Self.prefixWordLimit).contains(found.count) else { return [term] }
        return found.map { SearchQuery.Term((words.dropLast().map(String.init) + [$0]).joined(separator: " ")) }
    }

    /// A prefix that begins more words than this stays a prefix.
    private static let prefixWordLimit = 20

    private typealias Hit = (summary: ConversationSummary, rowid: Int64)

    /// How many texts `expression` matches, counting no further than one past the limit.
    private func matchCount(_ expression: String) throws(IndexDatabase.Failure) -> Int {
        var count = 0
        try database.query(
            "SELECT count(*) FROM (SELECT 1 FROM texts WHERE texts MATCH ? LIMIT \(Self.scoredTextLimit + 1))", [.text(expression)]
        ) { row in count = Int(row.integer(0)) }
        return count
    }

    /// The conversations with the best-scoring texts, then newest. bm25() cannot be an
    /// aggregate's argument, so the scores are materialized first; the best text of each
    /// conversation is its hit (min() keeps that row's rowid).
    private func mostRelevant(matching expression: String, except excluded: String, _ exclusion: [IndexDatabase.Value]) throws(IndexDatabase.Failure)
        -> [Hit]
    {
        var hits: [Hit] = []
        try database.query(
            """
            WITH scored AS MATERIALIZED (SELECT rowid AS hit, bm25(texts) AS score FROM texts WHERE texts MATCH ?1),
            hits AS (SELECT hit, min(score) AS score FROM scored GROUP BY hit >> \(Self.fieldBits))
            SELECT \(Self.summaryColumns), hit FROM hits JOIN conversations c ON c.key = hit >> \(Self.fieldBits)
            WHERE c.problem IS NULL \(excluded) ORDER BY score, c.updated_at DESC, c.id LIMIT \(Self.resultLimit)
            """, [.text(expression)] + exclusion
        ) { row in hits.append((Self.summary(row, snippet: ""), row.integer(5))) }
        return hits
    }

    /// The newest conversations with a matching text, each probed through its own rowid range
    /// (a seek in the word's list), so the cost follows the results, not the matches.
    private func newest(matching expression: String, except excluded: String, _ exclusion: [IndexDatabase.Value]) throws(IndexDatabase.Failure)
        -> [Hit]
    {
        var hits: [Hit] = []
        try database.query(
            """
            SELECT \(Self.summaryColumns),
                (SELECT rowid FROM texts WHERE texts MATCH ?1 AND rowid BETWEEN c.key << \(Self.fieldBits) AND (c.key << \(Self.fieldBits)) + \(Self.maximumField) LIMIT 1) AS hit
            FROM conversations c WHERE c.problem IS NULL AND hit IS NOT NULL \(excluded)
            ORDER BY c.updated_at DESC, c.id LIMIT \(Self.resultLimit)
            """, [.text(expression)] + exclusion
        ) { row in hits.append((Self.summary(row, snippet: ""), row.integer(5))) }
        return hits
    }

    /// `summary` with the snippet around its hit, cut by FTS5's `snippet()` with the matches
    /// between control characters no message holds, so they can be told from the text.
    /// `snippets` is the statement that asks for them, prepared by ``search(_:)``.
    private func marked(_ summary: ConversationSummary, rowid: Int64, expression: String, with snippets: IndexDatabase.Statement)
        throws(IndexDatabase.Failure) -> ConversationSummary
    {
        var marked = summary
        try snippets.query([.text(expression), .integer(rowid)]) { row in
            marked.matchedMessage = row.isNull(0) ? nil : Int(row.integer(0))
            (marked.snippet, marked.highlights) = SearchSnippet.parse(row.text(1))
        }
        return marked
    }

    /// The newest conversations that contain none of the excluded terms, with their openings.
    private func everything(except excluded: String, _ exclusion: [IndexDatabase.Value]) throws(IndexDatabase.Failure) -> [ConversationSummary] {
        var conversations: [ConversationSummary] = []
        try database.query(
            """
            SELECT \(Self.summaryColumns), opening FROM conversations c WHERE c.problem IS NULL \(excluded)
            ORDER BY c.updated_at DESC, c.id LIMIT \(Self.resultLimit)
            """, [.null] + exclusion  // ?1, the included terms, are none here
        ) { row in conversations.append(Self.summary(row, snippet: row.text(5))) }
        return conversations
    }

    private static let summaryColumns = "c.id, c.title, c.created_at, c.updated_at, c.message_count"

    private static func summary(_ row: IndexDatabase.Row, snippet: String) -> ConversationSummary {
        ConversationSummary(
            id: row.text(0), title: row.text(1), createdAt: row.real(2), updatedAt: row.real(3), messageCount: Int(row.integer(4)), snippet: snippet)
    }
}
