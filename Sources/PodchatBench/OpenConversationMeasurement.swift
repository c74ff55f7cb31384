import ArgumentParser
import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage

/// The child process of ``Benchmark/openLargeConversation``: opens one stored conversation the
/// way the chat window does and prints how long each step took and the peak memory.
struct OpenConversationMeasurement: ParsableCommand {
    static let commandName = "_open-conversation"
    static let configuration = CommandConfiguration(commandName: commandName, shouldDisplay: false)

    @Option(help: "The conversations directory.") var directory: String
    @Option(help: "The conversation's id.") var id: String

    func run() throws {
        guard TerminalText.useUTF8Locale() else { throw BenchmarkFailure("no UTF-8 locale: widths would be wrong") }
        let store = FileConversationStore(directory: URL(fileURLWithPath: directory))
        let (record, loading) = try Stopwatch.time { try store.load(id: id) }
        let (state, restoring) = try Stopwatch.time {
            var state = AppState(
                endpoint: EndpointIdentity(label: record.endpoint), size: Size(width: 120, height: 40), now: .now,
                wallTimeAtStart: Date().timeIntervalSince1970)
            try state.restore(record)
            return state
        }
        let (screen, drawing) = Stopwatch.time { AppView.render(state) }
        let lastWord = record.messages.last?.content.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
        guard screen.lines.joined().contains(lastWord) else {
            throw BenchmarkFailure("the first frame does not show the last message")
        }
        ChildMeasurement.print([
            Figure(name: "load: read + decode the file", value: loading, unit: .milliseconds),
            Figure(name: "restore: rebuild the chat state", value: restoring, unit: .milliseconds),
            Figure(name: "draw the first frame (120×40)", value: drawing, unit: .milliseconds),
            Figure(name: "total: file to first frame", value: loading + restoring + drawing, unit: .milliseconds),
            Figure(name: "peak RSS (VmHWM) after the first frame", value: ProcessMemory.peakResidentMebibytes ?? 0, unit: .mebibytes),
        ])
    }
}
