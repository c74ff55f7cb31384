import Foundation
import PodchatCore
import Synchronization

/// Prints a reply for `podchat ask`: a single choice as it streams, several choices labelled
/// once they are complete (interleaved pieces would be unreadable). A reasoning model's
/// thinking goes to standard error, and only when asked: standard output is the answer.
final class ReplyPrinter: Sendable {
    private let streamsText: Bool
    private let showsReasoning: Bool
    /// A line written to standard error before the first thinking, saying whose it is.
    private let reasoningHeading: String?
    private let state: Mutex<(summary: ReplySummary, printed: String, printedReasoning: String, reasoningLineEnded: Bool)>

    init(streamsText: Bool, showsReasoning: Bool = false, reasoningHeading: String? = nil) {
        self.streamsText = streamsText
        self.showsReasoning = showsReasoning
        self.reasoningHeading = reasoningHeading
        state = Mutex((ReplySummary(requestedAt: .now), "", "", false))
    }

    /// What has arrived so far.
    var summary: ReplySummary { state.withLock { $0.summary } }

    /// Reads every event, printing choice 0 as it arrives when streaming; returns the summary.
    func consume(_ events: AsyncThrowingStream<CompletionEvent, any Error>) async throws -> ReplySummary {
        for try await event in events {
            if case .retrying(let reason, let delay) = event {
                StandardError.write("podchat: \(reason); retrying in \(formatDecimal(delay.seconds, places: 1))s")
            }
            let summary = state.withLock { state in
                state.summary.record(event, at: .now)
                return state.summary
            }
            if showsReasoning { printNewReasoning(of: summary) }
            if streamsText { printNewText(of: summary) }
            if case .finished = event { break }
        }
        if streamsText { finishLine() }
        return summary
    }

    /// Writes what choice 0's thinking gained to standard error, and a line break once the
    /// answer begins, so thinking and whatever standard error says next never share a line.
    private func printNewReasoning(of summary: ReplySummary) {
        let reasoning = summary.reasonings[0] ?? ""
        let answerBegan = !(summary.texts[0] ?? "").isEmpty
        let addition: String = state.withLock { state in
            var addition = ""
            if reasoning != state.printedReasoning {
                if state.printedReasoning.isEmpty, let reasoningHeading { addition = reasoningHeading + "\n" }
                addition += reasoning.hasPrefix(state.printedReasoning) ? String(reasoning.dropFirst(state.printedReasoning.count)) : reasoning
                state.printedReasoning = reasoning
            }
            if answerBegan, !state.reasoningLineEnded, !reasoning.isEmpty {
                state.reasoningLineEnded = true
                if !reasoning.hasSuffix("\n") { addition += "\n" }
            }
            return addition
        }
        if !addition.isEmpty { FileHandle.standardError.write(Data(addition.utf8)) }
    }

    /// Prints the choices of a reply that was not streamed: one bare, several labelled.
    func printChoices(_ summary: ReplySummary) {
        guard !streamsText else { return }
        let choices = summary.choices
        if choices.count == 1 {
            write(choices[0] + (choices[0].hasSuffix("\n") ? "" : "\n"))
            return
        }
        for (index, text) in choices.enumerated() {
            write("--- choice \(index + 1) of \(choices.count) ---\n\(text)\(text.hasSuffix("\n") ? "" : "\n")")
        }
    }

    /// Prints what choice 0 gained since the last call; if the client replaced the text with a
    /// recovered version that does not extend what was printed, says so and prints it whole.
    private func printNewText(of summary: ReplySummary) {
        let text = summary.texts[0] ?? ""
        let addition: String? = state.withLock { state in
            guard text != state.printed else { return nil }
            defer { state.printed = text }
            if text.hasPrefix(state.printed) { return String(text.dropFirst(state.printed.count)) }
            return "\n[podchat: part of the stream was lost; the full reply recovered from the server follows]\n" + text
        }
        if let addition { write(addition) }
    }

    /// Ends the streamed text's last line, so what is printed next starts on its own.
    func finishLine() {
        let printed = state.withLock { $0.printed }
        if !printed.isEmpty && !printed.hasSuffix("\n") { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
