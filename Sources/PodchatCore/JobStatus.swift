/// The status of a Runpod job (protocol.md §1.4).
package enum JobStatus: Sendable, Equatable {
    case inQueue
    case inProgress
    /// Listed in Runpod's docs as "actively processing"; no SDK handles it.
    case running
    case completed
    case failed
    case cancelled
    case timedOut
    /// A status podchat does not know; treated as still going.
    case other(String)

    /// The status named `name` on the wire.
    package init(_ name: String) {
        switch name {
        case "IN_QUEUE": self = .inQueue
        case "IN_PROGRESS": self = .inProgress
        case "RUNNING": self = .running
        case "COMPLETED": self = .completed
        case "FAILED": self = .failed
        case "CANCELLED": self = .cancelled
        case "TIMED_OUT": self = .timedOut
        default: self = .other(name)
        }
    }

    /// The status as Runpod spells it on the wire.
    package var wireName: String {
        switch self {
        case .inQueue: "IN_QUEUE"
        case .inProgress: "IN_PROGRESS"
        case .running: "RUNNING"
        case .completed: "COMPLETED"
        case .failed: "FAILED"
        case .cancelled: "CANCELLED"
        case .timedOut: "TIMED_OUT"
        case .other(let name): name
        }
    }

    /// Whether the job has ended. All four end states count, unlike in the Python SDK,
    /// which polls a CANCELLED job forever.
    package var isTerminal: Bool {
        switch self {
        case .completed, .failed, .cancelled, .timedOut: true
        case .inQueue, .inProgress, .running, .other: false
        }
    }

    /// Whether a worker is working on the job right now.
    package var isRunning: Bool {
        self == .inProgress || self == .running
    }
}
