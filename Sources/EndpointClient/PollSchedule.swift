/// How long to wait before the next `/stream` or `/status` poll.
///
/// Polls come quickly while output flows and slow down while the job waits in the queue or
/// produces nothing, so a waiting job costs about one request a second. Runpod allows 2000
/// polls per 10 s per endpoint (protocol.md §1.7); even the fastest pace, 20 a second, stays
/// far below that.
package struct PollSchedule: Sendable, Equatable {
    /// The pause after a poll that brought output.
    package var fastest: Duration
    /// The longest pause, reached after a run of empty polls.
    package var slowest: Duration
    /// How much the pause grows after each empty poll.
    package var growth: Double

    private var current: Duration

    /// A schedule that starts at `fastest` and multiplies the pause by `growth` per empty poll.
    package init(fastest: Duration = .milliseconds(80), slowest: Duration = .seconds(1), growth: Double = 1.5) {
        self.fastest = fastest
        self.slowest = slowest
        self.growth = growth
        current = fastest
    }

    /// The pause before the next poll, given whether the last one brought output.
    package mutating func next(afterOutput receivedOutput: Bool) -> Duration {
        if receivedOutput {
            current = fastest
        } else {
            let grown = current * growth
            current = grown > slowest ? slowest : grown
        }
        return current
    }
}
