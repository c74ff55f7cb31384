import PodchatCore

/// One output of a job and the moment it becomes available to `/stream`, on the simulator's
/// clock (``SimulatorClock/now``): what a client's pick-up delay is measured against.
package struct ScheduledOutput: Sendable, Equatable {
    /// When the output exists: after the queue delay and its engine step's token delays.
    package var readyAt: Duration
    /// The `output` value a `/stream` answer carries for it.
    package var output: JSONValue
}
