import Foundation
import Glibc
import Synchronization

/// A program run by a test, with its output collected.
///
/// Spawned with `posix_spawn` and an empty signal mask: a child started from a Swift
/// concurrency thread would otherwise inherit that thread's blocked signals and ignore
/// SIGTERM (see shared/docs/swift-notes.md §5). Waiting never spins a run loop.
package final class ChildProcess: Sendable {
    /// What a finished program left behind.
    package struct Outcome: Sendable {
        package var status: Int32
        package var standardOutput: String
        package var standardError: String
    }

    private struct Collected {
        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
        var exitStatus: Int32?
        /// Output pipes not yet at end of file.
        var openPipes = 2
    }

    package let pid: pid_t
    private let collected = Mutex(Collected())

    /// Starts `arguments[0]` (a path) with `environment`, stdin from `input` (nil: /dev/null).
    package init(_ arguments: [String], environment: [String: String], input: String? = nil) throws {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        var inPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0, pipe(&inPipe) == 0 else { throw POSIXError(.EMFILE) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for descriptor in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard result == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT)
        }
        pid = child
        if let input { _ = input.utf8CString.withUnsafeBufferPointer { write(inPipe[1], $0.baseAddress, $0.count - 1) } }
        close(inPipe[1])
        startReader(outPipe[0]) { $0.output += $1 }
        startReader(errPipe[0]) { $0.errorOutput += $1 }
    }

    /// What the program has written to stdout so far.
    package var standardOutputSoFar: String {
        collected.withLock { String(decoding: $0.output, as: UTF8.self) }
    }

    /// Whether the program is still running; reaps it when it has ended.
    package var isRunning: Bool {
        collected.withLock { collected in
            if collected.exitStatus != nil { return false }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return true }
            collected.exitStatus = status
            return false
        }
    }

    /// Waits for the program to end (killing it after `timeout`) and returns its outcome.
    ///
    /// Waits by sleeping the task, never the thread: the cooperative pool has one thread per
    /// core, and a blocked one could starve the in-process simulator the program talks to.
    package func wait(timeout: Duration = .seconds(60)) async -> Outcome {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while isRunning && ContinuousClock.now < deadline { await pause() }
        if isRunning {
            kill(pid, SIGKILL)
            while isRunning { await pause() }
        }
        // A daemon the program started may hold the pipes open; its output is not awaited.
        let readDeadline = ContinuousClock.now.advanced(by: .seconds(2))
        while collected.withLock({ $0.openPipes > 0 }) && ContinuousClock.now < readDeadline { await pause() }
        return collected.withLock { collected in
            let status = collected.exitStatus ?? 0
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return Outcome(
                status: exit,
                standardOutput: String(decoding: collected.output, as: UTF8.self),
                standardError: String(decoding: collected.errorOutput, as: UTF8.self)
            )
        }
    }

    /// Runs a program to the end.
    package static func run(
        _ arguments: [String], environment: [String: String], input: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> Outcome {
        try await ChildProcess(arguments, environment: environment, input: input).wait(timeout: timeout)
    }

    private func pause() async {
        try? await Task.sleep(for: .milliseconds(5))
    }

    /// Reads `descriptor` to its end on a thread of its own (a blocking read must not hold a
    /// cooperative thread), appending what comes to `collected`.
    private func startReader(_ descriptor: Int32, append: @escaping @Sendable (inout Collected, [UInt8]) -> Void) {
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { break }
                let bytes = Array(buffer[..<count])
                collected.withLock { append(&$0, bytes) }
            }
            close(descriptor)
            collected.withLock { $0.openPipes -= 1 }
        }.start()
    }
}
