/// A set of conversation files, each a name and a ``FileIdentity/signature``, summed up in two
/// numbers: how many files, and the exclusive-or of a 64-bit hash of each one. The index keeps
/// the same two numbers of the files it holds, so the start-up comparison tells an unchanged
/// directory from its listing and `stat`s alone, with memory that does not grow with the count.
///
/// Exclusive-or, so that adding and removing a file are the same step, in any order. A change
/// goes unnoticed only if the hashes of what changed cancel out: a 2⁻⁶⁴ chance.
struct FileSetFingerprint: Sendable, Equatable {
    private(set) var files: Int64 = 0
    private(set) var hash: Int64 = 0

    init() {}

    init(files: Int64, hash: Int64) {
        self.files = files
        self.hash = hash
    }

    /// Counts in the file `name` with `signature`.
    mutating func insert(name: String, signature: String) {
        files += 1
        hash ^= Self.hash(name: name, signature: signature)
    }

    /// One file's hash: FNV-1a over the name, a zero byte (which no name holds) and the
    /// signature, then MurmurHash3's finalizer, so every input bit moves every output bit.
    /// Stored in the index: changing it needs a new ``IndexTables/schemaVersion``.
    static func hash(name: String, signature: String) -> Int64 {
        // Loops, not a nested function: one capturing `state` checked exclusive access per byte.
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { state = (state ^ UInt64(byte)) &* prime }
        state &*= prime
        for byte in signature.utf8 { state = (state ^ UInt64(byte)) &* prime }
        state ^= state >> 33
        state &*= 0xff51_afd7_ed55_8ccd
        state ^= state >> 33
        state &*= 0xc4ce_b9fe_1a85_ec53
        state ^= state >> 33
        return Int64(bitPattern: state)
    }
}
