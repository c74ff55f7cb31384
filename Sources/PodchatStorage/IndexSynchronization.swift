import Glibc

/// Brings the index up to date with the conversations directory: one directory listing and
/// one `stat` per file, summed up in a ``FileSetFingerprint`` and compared with the index's.
/// Only when they differ are the files compared one by one, a batch at a time: those new or
/// changed are read, and files that went are forgotten. Either way the memory it takes does
/// not grow with the number of files.
struct IndexSynchronization {
    let directory: String
    let tables: IndexTables

    /// How many files are compared, and read and stored in one transaction, at a time.
    static let batchSize = 256
    /// A comparison that read at least this many files (about 10,000 texts: a first build, a
    /// restored backup) merges the text index's segments after it.
    static let filesWorthMerging = 500

    func run(reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) {
        // A file that could not be examined has no fingerprint and is always read again.
        if let fingerprint = Self.fingerprint(of: directory), try fingerprint == tables.fingerprint() { return }
        try compareFileByFile(reading: read)
    }

    /// Checks only the files `names` (a ``DirectoryWatch`` saw them change): each one that is
    /// gone is forgotten, each whose identity is not the one indexed is read.
    func run(names: Set<String>, reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) {
        var changed: [String] = []
        var gone: [String] = []
        for name in names {
            guard let signature = FileIdentity(path: directory + "/" + name)?.signature else {
                gone.append(name)
                continue
            }
            if try !tables.isIndexed(name, signature: signature) { changed.append(name) }
        }
        _ = try update(changed: changed, gone: gone, reading: read)
    }

    /// The directory's files a batch at a time, each batch's indexed signatures looked up by
    /// name; then, if the index holds more files than the directory still has, its names a
    /// page at a time, each checked with a `stat`.
    private func compareFileByFile(reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) {
        var batch: [String] = []
        batch.reserveCapacity(Self.batchSize)
        var present: Int64 = 0
        var stored: Int64 = 0
        func bringBatchUpToDate() throws(IndexDatabase.Failure) {
            let (unchanged, read) = try bringUpToDate(batch, reading: read)
            present += unchanged + read
            stored += read
            batch.removeAll(keepingCapacity: true)
        }
        try Self.forEachConversationFile(in: directory) { name throws(IndexDatabase.Failure) in
            batch.append(name)
            if batch.count == Self.batchSize { try bringBatchUpToDate() }
        }
        try bringBatchUpToDate()
        // Every file of the directory is indexed now, so any more the index holds have gone.
        if try tables.fingerprint().files > present { try forgetFilesThatWent() }
        if stored >= Self.filesWorthMerging { try tables.mergeTextSegments() }
    }

    /// Reads those of `names` that are new or changed: how many were unchanged, and how many
    /// were read and stored.
    private func bringUpToDate(_ names: [String], reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure)
        -> (unchanged: Int64, read: Int64)
    {
        let indexed = try tables.signatures(of: names)
        let changed = names.filter { name in
            let signature = FileIdentity(path: directory + "/" + name)?.signature
            return signature == nil || indexed[name] != .some(signature)
        }
        return (Int64(names.count - changed.count), try update(changed: changed, gone: [], reading: read))
    }

    /// Forgets the indexed files that are no longer in the directory.
    private func forgetFilesThatWent() throws(IndexDatabase.Failure) {
        var last = ""
        while true {
            let names = try tables.names(after: last, limit: Self.batchSize)
            guard let final = names.last else { return }
            let gone = names.filter { FileIdentity(path: directory + "/" + $0) == nil }
            if !gone.isEmpty {
                try tables.database.transaction { () throws(IndexDatabase.Failure) in for name in gone { try tables.remove(name) } }
            }
            last = final
        }
    }

    /// Forgets `gone` and reads `changed`, in one transaction; how many of `changed` could be
    /// read (the others went in the meantime, and are forgotten too).
    private func update(changed: [String], gone: [String], reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) -> Int64 {
        guard !changed.isEmpty || !gone.isEmpty else { return 0 }
        return try tables.database.transaction { () throws(IndexDatabase.Failure) in
            for name in gone { try tables.remove(name) }
            var stored: Int64 = 0
            for name in changed {
                guard let (identity, content) = read(directory + "/" + name) else {
                    try tables.remove(name)
                    continue
                }
                try tables.store(name, signature: identity?.signature, content: content)
                stored += 1
            }
            return stored
        }
    }

    /// The fingerprint of the conversation files in `directory` now; nil if one of them could
    /// not be examined.
    static func fingerprint(of directory: String) -> FileSetFingerprint? {
        var fingerprint: FileSetFingerprint? = FileSetFingerprint()
        forEachConversationFile(in: directory) { name in
            guard let signature = FileIdentity(path: directory + "/" + name)?.signature else {
                fingerprint = nil
                return
            }
            fingerprint?.insert(name: name, signature: signature)
        }
        return fingerprint
    }

    /// The names of the conversation files in `directory`.
    static func conversationFileNames(in directory: String) -> [String] {
        var names: [String] = []
        forEachConversationFile(in: directory) { names.append($0) }
        return names
    }

    /// Calls `body` with the name of each conversation file in `directory`: `*.json`, not
    /// hidden (temporary files and the index are), one at a time, holding none of them.
    /// `readdir` directly: Foundation's listing costs several times more.
    static func forEachConversationFile<Failure: Error>(in directory: String, _ body: (String) throws(Failure) -> Void) throws(Failure) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") && !name.hasPrefix(".") { try body(name) }
        }
    }
}
