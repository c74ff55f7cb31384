/// Times synchronous work on the monotonic clock.
enum Stopwatch {
    /// Runs `work` and returns its result and how long it took, in milliseconds.
    static func time<Result>(_ work: () throws -> Result) rethrows -> (result: Result, milliseconds: Double) {
        let start = ContinuousClock.now
        let result = try work()
        return (result, milliseconds(ContinuousClock.now - start))
    }

    /// `duration` in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
