import Foundation
import Glibc
import PodchatCore

/// Conversations as JSON files, one per conversation: `<directory>/<id>.json`, in the format
/// docs/conversation-format.md describes.
///
/// Saves are atomic: the JSON goes to a temporary file in the same directory (`.<id>.<pid>.<random>.tmp`),
/// which is flushed to disk and renamed over the target, and then the directory is flushed, so a
/// crash leaves the old file or the new one. A file this build cannot read is never replaced.
///
/// Listings and searches go through a ``ConversationIndex`` that copies of this store share, a
/// persistent cache beside the files, so only files that changed since it last looked are read.
package struct FileConversationStore: ConversationStore {
    /// Where the files are; created, private to the user, by the first save.
    package let directory: URL
    private let index: ConversationIndex
    /// A search returns at most this many conversations, the most relevant.
    package static let searchResultLimit = IndexTables.resultLimit

    package init(directory: URL) {
        self.directory = directory
        index = ConversationIndex(directory: directory.path)
    }

    /// `$XDG_DATA_HOME/podchat/conversations`, else `~/.local/share/podchat/conversations`.
    package static func standard(environment: [String: String]) -> FileConversationStore {
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return FileConversationStore(directory: URL(fileURLWithPath: dataHome).appendingPathComponent("podchat/conversations"))
    }

    /// `record` as stored: pretty-printed JSON with sorted keys, the same bytes for the same record.
    package static func encode(_ record: ConversationRecord) throws(ConversationStoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(record)
        } catch {
            throw ConversationStoreError(path: record.id, reason: "cannot be encoded: \(error)")
        }
    }

    package func save(_ record: ConversationRecord) throws(ConversationStoreError) {
        let target = try file(for: record.id)
        // A file this build cannot read may be a newer podchat's or a damaged one the user wants
        // back; replacing it would lose it for good.
        if !index.isKnownReadable(target.path), case .failure(let problem) = read(target), !problem.isMissing {
            throw ConversationStoreError(path: target.path, reason: "\(problem.error.reason); not replaced (move it aside to save)")
        }
        let bytes = try Self.encode(record.writtenByThisBuild)
        try makeDirectory()
        try Disk.replace(target, with: bytes)
        index.noteWritten(target.path, record: record)
    }

    package func load(id: String) throws(ConversationStoreError) -> ConversationRecord {
        switch read(try file(for: id)) {
        case .success(let record): return record
        case .failure(let problem): throw problem.error
        }
    }

    package func find(_ name: String) throws(ConversationStoreError) -> ConversationRecord {
        let ids = storedIDs()
        if ids.contains(name) { return try load(id: name) }
        let prefixed = ids.filter { $0.hasPrefix(name) }
        if prefixed.count == 1, let id = prefixed.first { return try load(id: id) }
        let titled = list().conversations.filter { $0.title.caseInsensitiveCompare(name) == .orderedSame }
        if let newest = titled.max(by: { $0.updatedAt < $1.updatedAt }) { return try load(id: newest.id) }
        if prefixed.count > 1 {
            let candidates = prefixed.sorted().joined(separator: ", ")
            throw ConversationStoreError(path: name, reason: "ambiguous: it begins the ids \(candidates)")
        }
        throw ConversationStoreError(path: name, reason: "no conversation has this id, id prefix or title")
    }

    /// Brings the index up to date with the files (the whole directory compared, new and
    /// changed files read), so the picker's first listing, moments later, only reads the index.
    package func prepare() {
        index.prepare(reading: readForIndex)
    }

    package func list() -> ConversationListing {
        index.listing(reading: readForIndex)
    }

    package func listWindow(offset: Int, limit: Int) -> ConversationWindow {
        index.window(offset: offset, limit: limit, reading: readForIndex)
    }

    package func names(beginning prefix: String, limit: Int) -> [String] {
        index.names(beginning: prefix, limit: limit, reading: readForIndex)
    }

    /// Understands `text` as a ``SearchQuery`` and looks for it in the titles and in the
    /// messages of every branch, most relevant first, then newest; each result's snippet is cut
    /// around its best match, with the matching words marked, and names the message it is in.
    /// An empty query lists everything.
    package func search(_ text: String) -> ConversationListing {
        let query = SearchQuery(parsing: text)
        guard !query.isEmpty else { return list() }
        return index.search(query, reading: readForIndex)
    }

    package func delete(id: String) throws(ConversationStoreError) {
        let target = try file(for: id)
        guard unlink(target.path) == 0 else {
            throw ConversationStoreError(path: target.path, reason: errno == ENOENT ? "no such conversation" : String(cString: strerror(errno)))
        }
        index.noteDeleted(target.path)
        try? Disk.syncDirectory(directory.path)
    }

    /// The file for `id`, refusing ids that would name a file elsewhere or a hidden one.
    private func file(for id: String) throws(ConversationStoreError) -> URL {
        guard !id.isEmpty, !id.hasPrefix("."), !id.contains("/"), !id.contains("\0") else {
            throw ConversationStoreError(path: id, reason: "not a valid conversation id")
        }
        return directory.appendingPathComponent("\(id).json")
    }

    private func makeDirectory() throws(ConversationStoreError) {
        do {
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ConversationStoreError(path: directory.path, reason: "cannot create the directory: \(error.localizedDescription)")
        }
        // Conversations are private: the directory is the user's alone.
        guard mkdir(directory.path, 0o700) == 0 || errno == EEXIST else {
            throw ConversationStoreError(path: directory.path, reason: "cannot create the directory: \(String(cString: strerror(errno)))")
        }
    }

    /// The ids of every conversation file; temporary files are hidden and never count.
    private func storedIDs() -> [String] {
        IndexSynchronization.conversationFileNames(in: directory.path).map { String($0.dropLast(".json".count)) }
    }

    /// A file as the index takes it in: its identity and record, or why it cannot be read.
    private func readForIndex(_ path: String) -> (FileIdentity?, Result<ConversationRecord, ConversationStoreError>)? {
        do throws(ReadProblem) {
            let (bytes, identity) = try Disk.read(path)
            do throws(ConversationStoreError) {
                return (identity, .success(try Self.decode(bytes, path: path)))
            } catch {
                return (identity, .failure(error))
            }
        } catch {
            // Deleted since the directory was listed, or not readable at all (its
            // permissions, say): then it is examined again next time.
            return error.isMissing ? nil : (nil, .failure(error.error))
        }
    }

    /// The record in `file`, or why it cannot be read.
    private func read(_ file: URL) -> Result<ConversationRecord, ReadProblem> {
        let bytes: Data
        do throws(ReadProblem) {
            bytes = try Disk.read(file.path).bytes
        } catch {
            return .failure(error)
        }
        do throws(ConversationStoreError) {
            return .success(try Self.decode(bytes, path: file.path))
        } catch {
            return .failure(ReadProblem(error: error, isMissing: false))
        }
    }

    /// The record in `bytes`, the content of the file at `path`, or an error naming the file
    /// and what is wrong with it. Decodes once; only a failure looks again, to say what.
    package static func decode(_ bytes: Data, path: String) throws(ConversationStoreError) -> ConversationRecord {
        let reason: String
        do {
            let record = try JSONDecoder().decode(ConversationRecord.self, from: bytes)
            if record.formatVersion > ConversationRecord.currentFormatVersion {
                reason = newerVersionReason(record.formatVersion)
            } else if let problem = treeProblem(in: record) {
                reason = "its branches do not fit together: \(problem)"
            } else {
                return record
            }
        } catch {
            reason = explain(error, in: bytes)
        }
        throw ConversationStoreError(path: path, reason: reason)
    }

    private static func treeProblem(in record: ConversationRecord) -> ConversationTreeProblem? {
        do {
            _ = try record.links()
            return nil
        } catch {
            return error
        }
    }

    private static func explain(_ error: any Error, in bytes: Data) -> String {
        if bytes.isEmpty { return "empty file" }
        guard let json = try? JSONValue(parsing: bytes) else { return "not JSON" }
        // A newer format may have changed any field, so its version is the reason to give.
        if let version = json["format_version"]?.intValue, version > ConversationRecord.currentFormatVersion {
            return newerVersionReason(version)
        }
        guard let decoding = error as? DecodingError else { return "not a conversation record: \(error)" }
        return "not a conversation record: \(brief(decoding))"
    }

    /// Which field is wrong, in a few words (DecodingError's own text is a paragraph).
    private static func brief(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\"\(key.stringValue)\" is missing at \(at(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(at(context.codingPath)) has the wrong type or value"
        @unknown default: return "\(error)"
        }
    }

    private static func newerVersionReason(_ version: Int) -> String {
        "format_version \(version) is newer than this podchat reads (\(ConversationRecord.currentFormatVersion)); upgrade podchat"
    }

    /// A failed read; a missing file is a problem for `load` but not for `save` or `list`.
    private struct ReadProblem: Error {
        var error: ConversationStoreError
        var isMissing: Bool
    }

    /// Whole-file reads and crash-safe writes with POSIX calls, whose errors name the cause.
    private enum Disk {
        /// The whole file, and the identity of the version read.
        static func read(_ path: String) throws(ReadProblem) -> (bytes: Data, identity: FileIdentity) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw problem(path, missing: errno == ENOENT) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw problem(path) }
            guard status.st_mode & S_IFMT == S_IFREG else {
                let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
                throw ReadProblem(error: ConversationStoreError(path: path, reason: "cannot be read: \(kind)"), isMissing: false)
            }
            // A byte more than the file holds, so the read that finds its end needs no more room
            // and a large file is never copied.
            var bytes = Data(count: Int(status.st_size) + 1)
            var filled = 0
            while true {
                if filled == bytes.count { bytes.count += 65_536 }  // it grew since fstat
                let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { throw problem(path) }
                if count == 0 { break }
                filled += count
            }
            bytes.count = filled
            return (bytes, FileIdentity(status))
        }

        /// Writes `bytes` to a new temporary file beside `target`, flushes it, renames it over
        /// `target` and flushes the directory so the rename itself survives a power cut.
        static func replace(_ target: URL, with bytes: Data) throws(ConversationStoreError) {
            let directory = target.deletingLastPathComponent().path
            let temporary =
                "\(directory)/.\(target.deletingPathExtension().lastPathComponent).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
            do throws(ConversationStoreError) {
                try writeSynced(bytes, to: temporary)
                guard rename(temporary, target.path) == 0 else { throw failure(target.path, "cannot replace") }
            } catch {
                unlink(temporary)
                throw error
            }
            try syncDirectory(directory)
        }

        static func syncDirectory(_ path: String) throws(ConversationStoreError) {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure(path, "cannot open the directory") }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush the directory") }
        }

        private static func writeSynced(_ bytes: Data, to path: String) throws(ConversationStoreError) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw failure(path, "cannot create") }
            defer { close(descriptor) }
            var written = 0
            while written < bytes.count {
                let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw failure(path, "cannot write") }
                written += count
            }
            guard fsync(descriptor) == 0 else { throw failure(path, "cannot flush") }
        }

        private static func problem(_ path: String, missing: Bool = false) -> ReadProblem {
            let reason = missing ? "no such conversation" : "cannot be read: \(String(cString: strerror(errno)))"
            return ReadProblem(error: ConversationStoreError(path: path, reason: reason), isMissing: missing)
        }

        private static func failure(_ path: String, _ action: String) -> ConversationStoreError {
            ConversationStoreError(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
        }
    }
}
