/// The time source of a simulator. Job states are computed from it, so a test can drive a job
/// through its whole life deterministically with a ``ManualSimulatorClock``.
package protocol SimulatorClock: Sendable {
    /// Time elapsed since a fixed, arbitrary origin.
    var now: Duration { get }
    /// Suspends until `now` has moved on by `duration`.
    func sleep(for duration: Duration) async throws
}
