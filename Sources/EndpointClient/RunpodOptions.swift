/// How ``RunpodBackend`` paces, retries and times its requests.
package struct RunpodOptions: Sendable {
    /// The pace of `/stream` and `/status` polls.
    package var pollSchedule: PollSchedule
    /// Delays between retries of failed requests, and when to give up.
    package var backoff: Backoff
    /// The longest `Retry-After` honoured; a longer one is cut to this.
    package var maximumRetryAfter: Duration
    /// How long connecting to the endpoint may take; a connection that is not made in time
    /// counts as a request never sent. Applies to the transport the backend makes itself.
    package var connectTimeout: Duration
    /// How long one `/run`, `/stream` or `/status` request may take. A poll that stalls past
    /// it is retried like any network failure, on the same job.
    package var requestTimeout: Duration
    /// How long a streamed job may go without text after a worker took it before podchat
    /// cancels it and fails the reply; nil waits forever. Generous, because a worker may
    /// still be loading the model.
    package var firstTokenTimeout: Duration?
    /// How long a streamed job that is still running may go without new text once text has
    /// started, before podchat cancels it and fails the reply (the text so far is kept); nil
    /// waits forever.
    package var idleTimeout: Duration?
    /// How long a job may wait in the queue before podchat cancels it and fails the reply;
    /// nil, the default, waits as long as it takes, since a cold start can take minutes and
    /// the reader sees the wait.
    package var queueTimeout: Duration?
    /// How long the best-effort `/cancel` after an abandoned reply may take.
    package var cancelTimeout: Duration
    /// Limits sent with every job, if any.
    package var policy: JobPolicy?
    /// The shape of each job's `input`: worker-vllm's native shorthand, or OpenAI pass-through.
    package var inputFormat: WorkerInputFormat
    /// Waits between requests; tests pass one that returns at once.
    package var sleep: @Sendable (Duration) async throws -> Void
    /// The current time, as time elapsed since any fixed origin; the timeouts above are
    /// measured with it (except the connect and request timeouts, which the transport keeps).
    /// Tests pass one that moves with their `sleep`.
    package var now: @Sendable () -> Duration
    /// Numbers in `0...1` for the backoff jitter; tests pass a constant.
    package var random: @Sendable () -> Double

    /// Options with podchat's defaults; each can be overridden. Without `now`, time is the
    /// system's monotonic clock.
    package init(
        pollSchedule: PollSchedule = PollSchedule(),
        backoff: Backoff = Backoff(),
        maximumRetryAfter: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(30),
        firstTokenTimeout: Duration? = .seconds(300),
        idleTimeout: Duration? = .seconds(120),
        queueTimeout: Duration? = nil,
        cancelTimeout: Duration = .seconds(5),
        policy: JobPolicy? = nil,
        inputFormat: WorkerInputFormat = .native,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: (@Sendable () -> Duration)? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }
    ) {
        self.pollSchedule = pollSchedule
        self.backoff = backoff
        self.maximumRetryAfter = maximumRetryAfter
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.firstTokenTimeout = firstTokenTimeout
        self.idleTimeout = idleTimeout
        self.queueTimeout = queueTimeout
        self.cancelTimeout = cancelTimeout
        self.policy = policy
        self.inputFormat = inputFormat
        self.sleep = sleep
        self.now = now ?? { ContinuousClock.now - Self.origin }
        self.random = random
    }

    /// The origin of the default ``now``: any fixed instant will do.
    private static let origin = ContinuousClock.now
}
