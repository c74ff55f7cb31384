import Foundation
import Glibc
import PodchatApp

/// Ctrl-X Ctrl-E: the message in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`),
/// through a private temporary file that is removed afterwards. The caller gives the editor
/// the terminal for as long as it runs.
enum ExternalEditor {
    /// Runs the editor on `text` and waits; the event says what came back.
    static func edit(_ text: String, environment: [String: String]) -> Event {
        let command = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/podchat-message-XXXXXX.md".utf8CString)
        let descriptor = mkstemps(&template, 3)
        guard descriptor >= 0 else {
            return .externalEdit(.failed("Cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))"))
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let written = Array(text.utf8).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == text.utf8.count else { return .externalEdit(.failed("Cannot write the message to \(path)")) }
        let status = run(command, on: path, environment: environment)
        guard status == 0 else { return .externalEdit(.failed("\(command) ended with status \(status); the message is as it was")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .externalEdit(.failed("Cannot read \(path) back; the message is as it was"))
        }
        var edited = String(decoding: data, as: UTF8.self)
        // Editors end the file with a newline the message did not have.
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return .externalEdit(.finished(edited))
    }

    /// `command "path"` through `/bin/sh`, so `EDITOR="code --wait"` works; the exit status,
    /// or -1 when it could not start.
    private static func run(_ command: String, on path: String, environment: [String: String]) -> Int32 {
        let arguments = ["/bin/sh", "-c", "\(command) \"$1\"", "podchat-editor", path]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var child: pid_t = 0
        guard posix_spawn(&child, arguments[0], nil, &attributes, argv, envp) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which do not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
