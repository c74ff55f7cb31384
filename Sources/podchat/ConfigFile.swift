import Foundation
import Glibc
import PodchatCore

/// The config file's bytes, read with the checks a hand-edited file needs: each way it can be
/// unreadable becomes one line naming the file and the fix (``ConfigFileProblem``).
struct ConfigFile {
    let text: String
    /// The file's mode bits, to warn when a stored key is readable by others.
    let permissions: UInt32

    /// The file at `path`; nil when it does not exist and was not asked for by `--config`.
    static func read(_ path: String, isExplicit: Bool) throws(ConfigError) -> ConfigFile? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT && !isExplicit { return nil }
            throw problem(errno).error(path: path)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ConfigFileProblem.directory.error(path: path)
        default: throw ConfigFileProblem.notRegularFile.error(path: path)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw problem(errno).error(path: path) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        let bytes: Data
        do {
            bytes = try handle.readToEnd() ?? Data()
        } catch {
            throw ConfigFileProblem.other(error.localizedDescription).error(path: path)
        }
        guard let text = String(data: bytes, encoding: .utf8) else { throw ConfigFileProblem.notUTF8.error(path: path) }
        return ConfigFile(text: text, permissions: UInt32(status.st_mode))
    }

    private static func problem(_ code: Int32) -> ConfigFileProblem {
        switch code {
        case ENOENT: .missing
        case EACCES, EPERM: .permissionDenied
        default: .other(String(cString: strerror(code)))
        }
    }
}
