import Foundation
import PodchatCore
import PodchatSimulator

extension TmuxSession {
    /// The real `podchat` binary with `arguments`, in a fresh `width`×`height` terminal, with
    /// `home` as its only config and data home and no inherited environment but `extra`. When
    /// podchat ends, the terminal shows `podchat-exited-<status>`.
    package static func podchat(
        _ arguments: [String], home: String, extra: [String: String] = [:], width: Int = 100, height: Int = 30
    ) async throws -> TmuxSession {
        let environment = Executables.isolatedEnvironment(configHome: home, extra: extra).map { "\($0.key)=\(quoted($0.value))" }.sorted()
        let words = ["env", "-i"] + environment + ["TERM=tmux-256color", Executables.podchat] + arguments.map(quoted)
        return try await TmuxSession(command: words.joined(separator: " ") + "; echo podchat-exited-$?; sleep 30", width: width, height: height)
    }

    /// Types `text`, sends it, and waits until the reply has finished: the input is empty again
    /// and the key hints are back to sending.
    package func send(_ text: String) async throws {
        try await type(text)
        try await waitForScreen("\(text) in the input") { $0.contains("› \(text)") }
        try await press("Enter")
        try await waitForScreen("the reply to \(text) to finish") { !$0.contains("› \(text)") && $0.contains("Enter send") }
    }

    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}

extension SimulatorServer {
    /// The job `input` of every `/run` so far, once there are at least `count` of them.
    package func jobInputs(count: Int, timeout: Duration = .seconds(20)) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            let runs = requests.filter { $0.path.hasSuffix("/run") }
            if runs.count >= count { return runs.map { $0.json?["input"] ?? .null } }
            try await Task.sleep(for: .milliseconds(30))
        }
        throw ScreenTimeout(description: "the simulator received fewer than \(count) jobs")
    }
}
