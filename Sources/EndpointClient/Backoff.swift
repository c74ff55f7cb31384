/// Exponential backoff with jitter for retrying failed requests, and when to give up.
///
/// The `n`th consecutive failure waits `initial × multiplier^(n-1)`, capped at `maximum`,
/// then scaled into its upper half by the jitter ("equal jitter"), so clients that failed
/// together do not retry together, yet no retry comes instantly.
package struct Backoff: Sendable, Equatable {
    /// The base delay after the first failure.
    package var initial: Duration
    /// The longest base delay.
    package var maximum: Duration
    /// How much the base delay grows per consecutive failure.
    package var multiplier: Double
    /// How many consecutive failures are retried; the next one is final.
    package var maximumRetries: Int

    /// A backoff of 250 ms, 500 ms, 1 s … up to 8 s, giving up after 8 retries by default.
    package init(
        initial: Duration = .milliseconds(250),
        maximum: Duration = .seconds(8),
        multiplier: Double = 2,
        maximumRetries: Int = 8
    ) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.maximumRetries = maximumRetries
    }

    /// The delay before retrying after the `failures`th consecutive failure (1 for the first).
    ///
    /// - Parameter jitter: A random number in `0...1`; 0 gives half the base delay, 1 all of it.
    package func delay(afterFailures failures: Int, jitter: Double) -> Duration {
        var base = initial
        for _ in 1..<max(failures, 1) where base < maximum {
            base = base * multiplier
        }
        if base > maximum { base = maximum }
        return base * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }

    /// The shortest wait after a 429 that named no `Retry-After`: Runpod counts its rate limits
    /// over 10 s windows (protocol-2026.md), so a quarter-second retry would only be refused again.
    package static let rateLimitPause: Duration = .seconds(1)

    /// The delay before retrying after the `failures`th consecutive failure: the server's
    /// `retryAfter` when it gave one, else the backoff, but at least ``rateLimitPause`` after
    /// a 429 (`rateLimited`).
    package func delay(afterFailures failures: Int, jitter: Double, retryAfter: Duration?, rateLimited: Bool) -> Duration {
        if let retryAfter { return retryAfter }
        let backoff = delay(afterFailures: failures, jitter: jitter)
        return rateLimited ? max(backoff, Self.rateLimitPause) : backoff
    }

    /// Whether a retry is still allowed after `failures` consecutive failures.
    package func allowsRetry(afterFailures failures: Int) -> Bool {
        failures <= maximumRetries
    }
}
