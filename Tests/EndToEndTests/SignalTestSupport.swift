import Foundation
import PodchatCore
import PodchatTestSupport
import Testing

// What SignalTests and CrashTests share: both end podchat from outside, then look at the
// terminal it gave back and at what it saved.

/// Shown after podchat ends: `icanon echo` when the terminal is back in its normal mode.
let terminalModeReport = "stty -a | tr ' ' '\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' '"

/// Sends `signal` (`TERM`, `SEGV`, …) to the podchat running in `terminal`'s shell.
func send(_ signal: String, toPodchatIn terminal: TmuxSession) async throws {
    let shell = try await terminal.paneInfo("#{pane_pid}")
    let children = try await ChildProcess.run(["/usr/bin/pgrep", "-P", shell], environment: [:], timeout: .seconds(5))
    let podchat = try #require(children.standardOutput.split(separator: "\n").first.map(String.init))
    _ = try await ChildProcess.run(["/bin/kill", "-\(signal)", podchat], environment: [:], timeout: .seconds(5))
}

/// The conversations saved under the data home `home`, read as the files are.
func savedConversations(home: String) throws -> [ConversationRecord] {
    let directory = home + "/podchat/conversations"
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    return try files.map { try JSONDecoder().decode(ConversationRecord.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
}
