import Foundation
import Glibc

/// A detached tmux session on a private server, running one command in a real terminal, for
/// end-to-end tests that type keys and read the screen.
package final class TmuxSession: @unchecked Sendable {
    private let socket: String
    private let target = "podchat-e2e"

    /// Starts `command` (a shell command line) in a `width`×`height` terminal.
    package init(command: String, width: Int = 100, height: Int = 30) async throws {
        socket = "podchat-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        try await tmux(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command])
    }

    /// Ends the tmux server and everything running in it.
    package func close() async {
        _ = try? await tmux(["kill-server"])
    }

    /// The screen as text, one string per row.
    package func capture() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", target])
    }

    /// Types `text` literally.
    package func type(_ text: String) async throws {
        try await tmux(["send-keys", "-t", target, "-l", text])
    }

    /// Presses keys by tmux name (`Enter`, `Escape`, `C-q`, `PageUp`, …).
    package func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", target] + keys)
    }

    /// Pastes `text` as a terminal does: in bracketed-paste markers when the program asked for
    /// them, with line ends as carriage returns.
    package func paste(_ text: String) async throws {
        try await tmux(["set-buffer", "-b", "e2e-paste", "--", text])
        try await tmux(["paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", target])
    }

    /// Sends ASCII bytes to the program in one write, as a terminal sends a mouse report (key
    /// by key, a loaded machine could split it and ncurses would read a lone Esc).
    package func sendBytes(_ bytes: [UInt8]) async throws {
        try await tmux(["set-buffer", "-b", "e2e-bytes", "--", String(decoding: bytes, as: UTF8.self)])
        try await tmux(["paste-buffer", "-r", "-d", "-b", "e2e-bytes", "-t", target])
    }

    /// An xterm (X10) mouse report: `button` 0 is a left press, 64 and 65 the wheel; cells from 0.
    package func mouse(button: UInt8, x: Int, y: Int) async throws {
        try await sendBytes([0x1B, UInt8(ascii: "["), UInt8(ascii: "M"), 32 + button, UInt8(33 + x), UInt8(33 + y)])
    }

    /// Lets programs set tmux's clipboard with OSC 52 (`set-clipboard on`).
    package func acceptClipboardWrites() async throws {
        try await tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    /// The newest paste buffer: what a program put there with OSC 52.
    package func clipboard() async throws -> String {
        try await tmux(["show-buffer"])
    }

    /// Copies everything the program writes to the terminal from now on into the file at `path`.
    package func recordOutput(to path: String) async throws {
        try await tmux(["pipe-pane", "-o", "-t", target, "cat >> '\(path)'"])
    }

    /// A tmux format about the pane, e.g. `#{pane_title}`.
    package func paneInfo(_ format: String) async throws -> String {
        try await tmux(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .newlines)
    }

    package func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds; records the last screen in the error.
    @discardableResult
    package func waitForScreen(timeout: Duration = .seconds(20), _ description: String, until condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try await capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(30))
        }
        throw ScreenTimeout(description: "timed out waiting for \(description); screen:\n\(screen)")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) async throws -> String {
        let outcome = try await ChildProcess.run(
            ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"],
            timeout: .seconds(10))
        guard outcome.status == 0 else {
            throw ScreenTimeout(description: "tmux \(arguments.joined(separator: " ")) failed: \(outcome.standardError)")
        }
        return outcome.standardOutput
    }
}

/// A terminal test's wait or tmux command failed.
package struct ScreenTimeout: Error, CustomStringConvertible {
    package var description: String
}
