/// A job's status, spelled as Runpod does (protocol.md §1.4).
enum JobStatus: String, Sendable {
    case inQueue = "IN_QUEUE"
    case inProgress = "IN_PROGRESS"
    case completed = "COMPLETED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"
    case timedOut = "TIMED_OUT"

    var isTerminal: Bool {
        switch self {
        case .inQueue, .inProgress: false
        case .completed, .failed, .cancelled, .timedOut: true
        }
    }
}
