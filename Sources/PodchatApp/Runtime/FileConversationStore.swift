import Foundation
import Glibc
import PodchatCore

/// Conversations as JSON files, one per conversation: `<directory>/<id>.json`, in the format
/// docs/conversation-format.md describes.
///
/// Saves are atomic: the JSON goes to a temporary file in the same directory (`.<id>.<pid>.<random>.tmp`),
/// which is flushed to disk and renamed over the target, and then the directory is flushed, so a
/// crash leaves the old file or the new one. A file this build cannot read is never replaced.
package struct FileConversationStore: ConversationStore {
    package let directory: URL

    package init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_DATA_HOME/podchat/conversations`, else `~/.local/share/podchat/conversations`.
    package static func standard(environment: [String: String]) -> FileConversationStore {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
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
        if case .failure(let problem) = read(target), !problem.isMissing {
            throw ConversationStoreError(path: target.path, reason: "\(problem.error.reason); not replaced (move it aside to save)")
        }
        let bytes = try Self.encode(record)
        try makeDirectory()
        try Disk.replace(target, with: bytes)
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
        let titled = readAll().records.filter { $0.title.caseInsensitiveCompare(name) == .orderedSame }
        if let newest = titled.max(by: { $0.updatedAt < $1.updatedAt }) { return newest }
        if prefixed.count > 1 {
            let candidates = prefixed.sorted().joined(separator: ", ")
            throw ConversationStoreError(path: name, reason: "ambiguous: it begins the ids \(candidates)")
        }
        throw ConversationStoreError(path: name, reason: "no conversation has this id, id prefix or title")
    }

    package func list() -> ConversationListing {
        let all = readAll()
        let summaries = all.records.map { ConversationSummary($0, snippet: $0.firstUserLine) }
        return ConversationListing(conversations: summaries.newestFirst, unreadable: all.unreadable)
    }

    package func search(_ text: String) -> [ConversationSummary] {
        guard !text.isEmpty else { return list().conversations }
        let found = readAll().records.compactMap { record in
            record.snippet(matching: text).map { ConversationSummary(record, snippet: $0) }
        }
        return found.newestFirst
    }

    package func delete(id: String) throws(ConversationStoreError) {
        let target = try file(for: id)
        guard unlink(target.path) == 0 else {
            throw ConversationStoreError(path: target.path, reason: errno == ENOENT ? "no such conversation" : String(cString: strerror(errno)))
        }
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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(".json".count)) }
    }

    /// Every conversation file, each decoded once.
    private func readAll() -> (records: [ConversationRecord], unreadable: [ConversationStoreError]) {
        var records: [ConversationRecord] = []
        var unreadable: [ConversationStoreError] = []
        for id in storedIDs() {
            switch read(directory.appendingPathComponent("\(id).json")) {
            case .success(let record): records.append(record)
            case .failure(let problem) where !problem.isMissing: unreadable.append(problem.error)
            case .failure: break  // deleted since the directory was listed
            }
        }
        unreadable.sort { $0.path < $1.path }
        return (records, unreadable)
    }

    /// The record in `file`, or why it cannot be read.
    private func read(_ file: URL) -> Result<ConversationRecord, ReadProblem> {
        let bytes: [UInt8]
        do throws(ReadProblem) {
            bytes = try Disk.read(file.path)
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
    package static func decode(_ bytes: [UInt8], path: String) throws(ConversationStoreError) -> ConversationRecord {
        let reason: String
        do {
            let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(bytes))
            guard record.formatVersion > ConversationRecord.currentFormatVersion else { return record }
            reason = newerVersionReason(record.formatVersion)
        } catch {
            reason = explain(error, in: bytes)
        }
        throw ConversationStoreError(path: path, reason: reason)
    }

    private static func explain(_ error: any Error, in bytes: [UInt8]) -> String {
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
        static func read(_ path: String) throws(ReadProblem) -> [UInt8] {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw problem(path, missing: errno == ENOENT) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw problem(path) }
            guard status.st_mode & S_IFMT == S_IFREG else {
                let kind = status.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
                throw ReadProblem(error: ConversationStoreError(path: path, reason: "cannot be read: \(kind)"), isMissing: false)
            }
            var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
            var filled = 0
            while true {
                if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 65_536)) }
                let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { throw problem(path) }
                if count == 0 { break }
                filled += count
            }
            return Array(bytes[..<filled])
        }

        /// Writes `bytes` to a new temporary file beside `target`, flushes it, renames it over
        /// `target` and flushes the directory so the rename itself survives a power cut.
        static func replace(_ target: URL, with bytes: Data) throws(ConversationStoreError) {
            let directory = target.deletingLastPathComponent().path
            let temporary = "\(directory)/.\(target.deletingPathExtension().lastPathComponent).\(getpid()).\(String(UInt64.random(in: 0...UInt64.max), radix: 36)).tmp"
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

extension ConversationSummary {
    init(_ record: ConversationRecord, snippet: String) {
        self.init(id: record.id, title: record.title, updatedAt: record.updatedAt, messageCount: record.messages.count, snippet: snippet)
    }
}

extension [ConversationSummary] {
    /// Newest first; ties by id so the order is stable.
    fileprivate var newestFirst: [ConversationSummary] {
        sorted { ($0.updatedAt, $1.id) > ($1.updatedAt, $0.id) }
    }
}

extension ConversationRecord {
    /// How many characters of context a search snippet shows on each side of the match.
    private static let snippetContext = 40

    /// The start of the first user message, for a listing.
    fileprivate var firstUserLine: String {
        guard let first = messages.first(where: { $0.role == .user }) else { return "" }
        let line = Self.oneLine(first.content.prefix(Self.snippetContext * 2))
        return first.content.count > Self.snippetContext * 2 ? line + "…" : line
    }

    /// The text around the first case-insensitive match of `text` in the title or a message, or
    /// nil when nothing matches.
    fileprivate func snippet(matching text: String) -> String? {
        for field in CollectionOfOne(title) + messages.map(\.content) {
            guard let match = field.range(of: text, options: .caseInsensitive) else { continue }
            let start = field.index(match.lowerBound, offsetBy: -Self.snippetContext, limitedBy: field.startIndex) ?? field.startIndex
            let end = field.index(match.upperBound, offsetBy: Self.snippetContext, limitedBy: field.endIndex) ?? field.endIndex
            return (start > field.startIndex ? "…" : "") + Self.oneLine(field[start..<end]) + (end < field.endIndex ? "…" : "")
        }
        return nil
    }

    /// `text` on one line: a snippet sits beside a title, so line breaks and tabs become spaces.
    private static func oneLine(_ text: Substring) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
