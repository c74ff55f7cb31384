import PodchatCore

/// One thing a worker's output said, independent of the output format.
package enum WorkerOutputItem: Sendable, Equatable {
    /// New text for choice `choice`.
    case delta(choice: Int, text: String)
    /// Token counts so far (cumulative in every format).
    case usage(Usage)
    /// Choice `choice` ended, for the reason the server gave.
    case finished(choice: Int, reason: FinishReason)
    /// The worker reported an error instead of (more) output.
    case error(String)
    /// The output breaks the format in a way podchat cannot use, said in a few words.
    case malformed(String)

    /// Whether this item ends the reply as a failure.
    var isFailure: Bool {
        switch self {
        case .error, .malformed: true
        case .delta, .usage, .finished: false
        }
    }
}
