import PodchatCore

/// The text of each choice as the reader received it, so the job's final output can repair it.
///
/// `/stream` drains: chunks in an answer that got lost (a reset connection, a timed-out or
/// malformed answer) are never delivered again. worker-vllm keeps the list of all its yields
/// as the job's `output` (return_aggregate_stream, protocol.md §1.6), so once the job has
/// ended, `/status` holds the whole text to compare with.
struct StreamedText: Sendable {
    private var texts: [Int: String] = [:]

    /// Records text delivered to the reader.
    mutating func append(_ text: String, choice: Int) {
        texts[choice, default: ""] += text
    }

    /// `.replaced` events for the choices whose text in `items` (the decoded final output)
    /// differs from what the reader got, in choice order; they also become the text received.
    mutating func replacements(from items: [WorkerOutputItem]) -> [CompletionEvent] {
        var full: [Int: String] = [:]
        for case .delta(let choice, let text) in items {
            full[choice, default: ""] += text
        }
        var events: [CompletionEvent] = []
        for (choice, text) in full.sorted(by: { $0.key < $1.key }) where texts[choice, default: ""] != text {
            texts[choice] = text
            events.append(.replaced(choice: choice, text: text))
        }
        return events
    }
}
