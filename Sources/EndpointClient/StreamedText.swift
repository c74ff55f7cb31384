import PodchatCore

/// The answer and thinking of each choice as the reader received them, so the job's final
/// output can repair them.
///
/// `/stream` drains: chunks in an answer that got lost (a reset connection, a timed-out or
/// malformed answer) are never delivered again, and the worker itself drops a chunk it failed
/// to post three times. worker-vllm keeps the list of all its yields as the job's `output`
/// (return_aggregate_stream, protocol.md §1.6), so once the job has ended, `/status` holds the
/// whole text to compare with.
struct StreamedText: Sendable {
    private var answers: [Int: String] = [:]
    private var thoughts: [Int: String] = [:]

    /// Records answer text delivered to the reader.
    mutating func append(_ text: String, choice: Int) {
        answers[choice, default: ""] += text
    }

    /// Records thinking delivered to the reader.
    mutating func appendReasoning(_ text: String, choice: Int) {
        thoughts[choice, default: ""] += text
    }

    /// `.reasoningReplaced` and `.replaced` events for the choices whose thinking or answer in
    /// `items` (the decoded final output) differs from what the reader got, in choice order,
    /// thinking before answer; they also become the text received.
    mutating func replacements(from items: [WorkerOutputItem]) -> [CompletionEvent] {
        var fullAnswers: [Int: String] = [:]
        var fullThoughts: [Int: String] = [:]
        for item in items {
            if case .delta(let choice, let text) = item { fullAnswers[choice, default: ""] += text }
            if case .reasoning(let choice, let text) = item { fullThoughts[choice, default: ""] += text }
        }
        var events: [CompletionEvent] = []
        for choice in Set(fullAnswers.keys).union(fullThoughts.keys).sorted() {
            if let thinking = fullThoughts[choice], thoughts[choice, default: ""] != thinking {
                thoughts[choice] = thinking
                events.append(.reasoningReplaced(choice: choice, text: thinking))
            }
            if let answer = fullAnswers[choice], answers[choice, default: ""] != answer {
                answers[choice] = answer
                events.append(.replaced(choice: choice, text: answer))
            }
        }
        return events
    }
}
