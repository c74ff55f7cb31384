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
}
