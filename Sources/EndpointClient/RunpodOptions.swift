/// How ``RunpodBackend`` paces, retries and times its requests.
package struct RunpodOptions: Sendable {
    /// The pace of `/stream` and `/status` polls.
    package var pollSchedule: PollSchedule
    /// Delays between retries of failed requests, and when to give up.
    package var backoff: Backoff
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    package var maximumRetryAfter: Duration
    /// How long one `/run`, `/stream` or `/status` request may take.
    package var requestTimeout: Duration
    /// How long the best-effort `/cancel` after an abandoned reply may take.
    package var cancelTimeout: Duration
    /// Limits sent with every job, if any.
    package var policy: JobPolicy?
    /// Waits between requests; tests pass one that returns at once.
    package var sleep: @Sendable (Duration) async throws -> Void
    /// Numbers in `0...1` for the backoff jitter; tests pass a constant.
    package var random: @Sendable () -> Double

    /// Options with podchat's defaults; each can be overridden.
    package init(
        pollSchedule: PollSchedule = PollSchedule(),
        backoff: Backoff = Backoff(),
        maximumRetryAfter: Duration = .seconds(60),
        requestTimeout: Duration = .seconds(30),
        cancelTimeout: Duration = .seconds(5),
        policy: JobPolicy? = nil,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.pollSchedule = pollSchedule
        self.backoff = backoff
        self.maximumRetryAfter = maximumRetryAfter
        self.requestTimeout = requestTimeout
        self.cancelTimeout = cancelTimeout
        self.policy = policy
        self.sleep = sleep
        self.random = random
    }
}
