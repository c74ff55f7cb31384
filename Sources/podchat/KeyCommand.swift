import Glibc
import PodchatCore

/// Runs the config's `api_key_command` with `/bin/sh -c`, the way git runs credential helpers.
///
/// Its standard output is captured for ``APIKeyLookup`` and never shown; its standard error
/// stays the terminal's, so a password manager can still say why it failed. Standard input
/// is `/dev/null`: podchat's own input is the chat.
enum KeyCommand {
    static func run(_ command: String) -> KeyCommandOutcome {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { return .notStarted(reason: String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, environ)
        close(output[1])
        defer { close(output[0]) }
        guard spawned == 0 else { return .notStarted(reason: String(cString: strerror(spawned))) }
        let printed = readAll(output[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // The wait-status macros are not imported into Swift: low 7 bits the signal, next byte the exit code.
        let signal = status & 0x7F
        return signal == 0 ? .exited(status: (status >> 8) & 0xFF, output: printed) : .killed(signal: signal)
    }

    /// Everything written to `descriptor` up to end of file, keeping at most a little more
    /// than any key needs; the rest is read and dropped so the command never blocks on a full pipe.
    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        let keep = 64 * 1024
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return bytes }
            bytes += buffer[..<min(count, max(0, keep - bytes.count))]
        }
    }
}
