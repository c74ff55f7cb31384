import PodchatCore

/// One thing a worker's output said, independent of the output format.
package enum WorkerOutputItem: Sendable, Equatable {
    /// New answer text for choice `choice`.
    case delta(choice: Int, text: String)
    /// New thinking text for choice `choice` (vLLM's `reasoning`, or older `reasoning_content`).
    case reasoning(choice: Int, text: String)
    /// Log probabilities of the tokens just delivered for choice `choice`, in order.
    case logprobs(choice: Int, [TokenLogprob])
    /// Token counts so far (cumulative in every format).
    case usage(Usage)
    /// Choice `choice` ended, for the reason the server gave.
    case finished(choice: Int, reason: FinishReason)
    /// The worker reported an error instead of (more) output.
    case error(WorkerErrorMessage)
    /// The output breaks the format in a way podchat cannot use, said in a few words.
    case malformed(String)

    /// Whether this item ends the reply as a failure.
    var isFailure: Bool {
        switch self {
        case .error, .malformed: true
        case .delta, .reasoning, .logprobs, .usage, .finished: false
        }
    }
}
