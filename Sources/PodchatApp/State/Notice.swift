/// A short message in the status bar.
package struct Notice: Sendable, Equatable {
    package var text: String
    package var isError: Bool
    /// When it disappears by itself; nil keeps it until replaced.
    package var expiresAt: ContinuousClock.Instant?
}
