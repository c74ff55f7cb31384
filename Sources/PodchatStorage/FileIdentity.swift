import Glibc

/// What tells one version of a file from another without reading it: a save renames a new
/// file into place, so its inode changes; an edit in place changes its size or modification
/// time; a `chmod` changes its status-change time.
struct FileIdentity: Sendable, Equatable {
    private let inode: UInt64
    private let size: Int64
    private let modifiedSeconds: Int
    private let modifiedNanoseconds: Int
    private let changedSeconds: Int
    private let changedNanoseconds: Int

    init(_ status: stat) {
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modifiedSeconds = status.st_mtim.tv_sec
        modifiedNanoseconds = status.st_mtim.tv_nsec
        changedSeconds = status.st_ctim.tv_sec
        changedNanoseconds = status.st_ctim.tv_nsec
    }

    /// The identity as one string, as the persistent index stores it.
    var signature: String {
        "\(inode):\(size):\(modifiedSeconds).\(modifiedNanoseconds):\(changedSeconds).\(changedNanoseconds)"
    }

    /// The identity of the file at `path` now; nil when it cannot be examined (gone, say).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(status)
    }
}
