import Glibc

/// Brings the index up to date with the conversations directory: one directory listing and
/// one `stat` per file, compared with the identities the index holds; only files that are new
/// or changed are read, and files that went are forgotten, all in one transaction.
struct IndexSynchronization {
    let directory: String
    let tables: IndexTables

    func run(reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) {
        var known = try tables.signatures()
        var changed: [String] = []
        for name in Self.conversationFileNames(in: directory) {
            let signature = FileIdentity(path: directory + "/" + name)?.signature
            // A file that could not be examined has no signature and is always read again.
            if signature == nil || known[name] != .some(signature) { changed.append(name) }
            known[name] = nil
        }
        try update(changed: changed, gone: Array(known.keys), reading: read)
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
        try update(changed: changed, gone: gone, reading: read)
    }

    private func update(changed: [String], gone: [String], reading read: ConversationIndex.Reader) throws(IndexDatabase.Failure) {
        guard !changed.isEmpty || !gone.isEmpty else { return }
        try tables.database.transaction { () throws(IndexDatabase.Failure) in
            for name in gone { try tables.remove(name) }
            for name in changed {
                guard let (identity, content) = read(directory + "/" + name) else {
                    try tables.remove(name)
                    continue
                }
                try tables.store(name, signature: identity?.signature, content: content)
            }
        }
    }

    /// The names of the conversation files in `directory`: `*.json`, not hidden (temporary
    /// files and the index are). `readdir` directly: Foundation's listing costs several times more.
    static func conversationFileNames(in directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".json") && !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }
}
