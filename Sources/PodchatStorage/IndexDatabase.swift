import VaporCSQLite

/// A SQLite connection, used synchronously by the one thread that holds it (the disk worker, or
/// a command's main thread): the SQLite that sqlite-nio compiles into the binary, called
/// directly, since the index needs neither its event loops nor its thread pool.
///
/// Unchecked Sendable: ``ConversationIndex`` keeps its one connection under a lock, so a
/// connection is used by one thread at a time, which is all SQLite's NOMUTEX mode asks.
final class IndexDatabase: @unchecked Sendable {
    /// Why a call failed: SQLite's result code and message.
    struct Failure: Error {
        var code: Int32
        var message: String

        /// The file is not a database, or a damaged one: deleting it and starting again is the cure.
        var isDamage: Bool {
            let primary = code & 0xFF
            return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
        }
    }

    private var handle: OpaquePointer?

    /// Opens (creating) the database at `path`; `":memory:"` for one that lives in memory only.
    init(path: String) throws(Failure) {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let failure = Failure(code: status, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open")
            sqlite_nio_sqlite3_close(handle)
            throw failure
        }
        // Another podchat (a `conversations search` beside the chat window) may hold the lock.
        sqlite_nio_sqlite3_busy_timeout(handle, 2_000)
    }

    deinit {
        sqlite_nio_sqlite3_close_v2(handle)
    }

    /// Runs `sql`, one or more statements without parameters.
    func execute(_ sql: String) throws(Failure) {
        guard sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// Runs `sql` once for each row of `parameters`, and calls `row` with each row it returns.
    func query(_ sql: String, _ parameters: [Value] = [], row: (Row) throws(Failure) -> Void = { _ in }) throws(Failure) {
        try prepare(sql).query(parameters, row: row)
    }

    /// A statement prepared once and run many times, as a rebuild's inserts and a comparison's
    /// look-ups are.
    func prepare(_ sql: String) throws(Failure) -> Statement {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw failure() }
        return Statement(database: self, statement: statement)
    }

    /// Runs `work` in one transaction: one journal write for many changes, and all or nothing.
    func transaction<T>(_ work: () throws(Failure) -> T) throws(Failure) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try work()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    fileprivate func bind(_ parameters: [Value], to statement: OpaquePointer?) throws(Failure) {
        sqlite_nio_sqlite3_reset(statement)
        for (offset, value) in parameters.enumerated() {
            let position = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, position, number)
            case .real(let number): status = sqlite_nio_sqlite3_bind_double(statement, position, number)
            case .text(let text): status = sqlite_nio_sqlite3_bind_text(statement, position, text, -1, Self.transient)
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, position)
            }
            guard status == SQLITE_OK else { throw failure() }
        }
    }

    fileprivate func failure() -> Failure {
        Failure(code: sqlite_nio_sqlite3_extended_errcode(handle), message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// SQLite copies a bound text before the call returns (Swift's temporary C string dies then).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// A value bound to a statement's `?`.
    enum Value {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null
    }

    /// The current row of a statement, valid during the call it is given to.
    struct Row {
        fileprivate let statement: OpaquePointer?

        func integer(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }
        func real(_ column: Int32) -> Double { sqlite_nio_sqlite3_column_double(statement, column) }
        func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL }

        func text(_ column: Int32) -> String {
            guard let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return "" }
            return String(cString: bytes)
        }
    }

    /// A prepared statement of this database.
    final class Statement {
        private let database: IndexDatabase
        private let statement: OpaquePointer?

        fileprivate init(database: IndexDatabase, statement: OpaquePointer?) {
            self.database = database
            self.statement = statement
        }

        deinit {
            sqlite_nio_sqlite3_finalize(statement)
        }

        /// Runs the statement with `parameters`, ignoring any rows.
        func run(_ parameters: [Value]) throws(Failure) {
            try database.bind(parameters, to: statement)
            let status = sqlite_nio_sqlite3_step(statement)
            guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.failure() }
        }

        /// Runs the statement with `parameters`, and calls `row` with each row it returns.
        func query(_ parameters: [Value], row: (Row) throws(Failure) -> Void) throws(Failure) {
            try database.bind(parameters, to: statement)
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw database.failure() }
                try row(Row(statement: statement))
            }
        }
    }
}
