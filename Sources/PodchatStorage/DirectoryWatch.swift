import Glibc

/// The conversation files named in changes to the directory since the last look, through
/// inotify: after one full comparison with the directory, the index checks only those, so a
/// keystroke in the picker costs its query and not 10,000 `stat`s.
///
/// Unchecked Sendable: like the connection, it is used only under ``ConversationIndex``'s lock.
final class DirectoryWatch: @unchecked Sendable {
    /// What changed since the last look.
    enum Changes: Equatable {
        case files(Set<String>)
        /// Too much, or the watch itself was lost (the queue overflowed, the directory went):
        /// the whole directory must be compared.
        case unknown
    }

    private let descriptor: Int32

    /// Watches `directory`; nil where inotify is not available (then every look compares all).
    init?(directory: String) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            close(descriptor)
            return nil
        }
        // Only now: a class's failable init that fails after its properties are set runs
        // `deinit`, which would close the descriptor a second time, and by then the number may
        // belong to another file of the process (a socket, the loop's pipe).
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// The conversation files (`*.json`, not hidden) changed since the last call.
    func changes() -> Changes {
        var names: Set<String> = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .files(names) }
            guard Self.parse(buffer[..<count], into: &names) else { return .unknown }
        }
    }

    /// Adds the names of `events` to `names`; false when one says the watch lost track.
    private static func parse(_ events: ArraySlice<UInt8>, into names: inout Set<String>) -> Bool {
        let lost = UInt32(IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)
        var offset = events.startIndex
        while offset + 16 <= events.endIndex {
            let mask = field(events, at: offset + 4)
            let length = Int(field(events, at: offset + 12))
            if mask & lost != 0 { return false }
            let name = String(decoding: events[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
            if name.hasSuffix(".json") && !name.hasPrefix(".") { names.insert(name) }
            offset += 16 + length
        }
        return true
    }

    /// A native-endian 32-bit field of an event.
    private static func field(_ bytes: ArraySlice<UInt8>, at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { value, index in value | UInt32(bytes[offset + index]) << (8 * index) }
    }
}
