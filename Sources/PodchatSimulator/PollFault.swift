/// How one poll answer misbehaves (see ``SimulatedFaults``).
enum PollFault: Sendable, Equatable {
    /// Answer this HTTP status and drain nothing.
    case http(Int)
    /// Send the head, wait this long, then drain and send the body.
    case stall(Duration)
    /// Drain, then close the connection halfway through the answer.
    case reset
    /// Drain, then answer half of the JSON.
    case malformed

    /// Whether the fault waits for a `/stream` poll with output to drain, so output gets lost.
    var waitsForOutput: Bool {
        self == .reset || self == .malformed
    }
}
