import PodchatCore

/// A ``CompletionBackend`` for a Runpod Serverless endpoint running worker-vllm.
///
/// ``complete(_:)`` submits the job with `/run` and drains `/stream/{id}` until the job ends,
/// so text arrives while it is generated; ``runSync(_:wait:)`` uses `/runsync` and `/status`
/// and delivers the text at the end. Both retry failed polls on the same job, report retries
/// as `.retrying`, and cancel the job (`/cancel`, best effort) when the reply is abandoned or
/// runs out of time (the timeouts in ``RunpodOptions``). When a `/stream` answer may have been
/// lost with chunks in it, the text is checked against `/status` at the end and, if it
/// differs, delivered whole as `.replaced`.
///
/// ```swift
/// let backend = RunpodBackend(endpoint: endpoint)
/// for try await event in backend.complete(request) { … }
/// ```
package struct RunpodBackend: CompletionBackend {
    /// The endpoint's job API, for status, cancel and health calls outside a reply.
    package let jobs: RunpodJobClient
    let options: RunpodOptions
    let failures: RunpodFailurePolicy
    /// Cancels of abandoned jobs still on their way to the server.
    let background = BackgroundWork()
    /// Kept only to scrub it out of messages that quote the server.
    private let apiKey: APIKey?

    /// - Parameters:
    ///   - endpoint: The base URL and optional API key.
    ///   - apiKeyVariable: The environment variable to suggest when the endpoint wants a key
    ///     and was sent none; a rejected key is blamed on its own source.
    ///   - transport: Sends the HTTP requests; by default an ``AsyncHTTPTransport`` with the
    ///     options' connect timeout.
    ///   - options: Pacing, retries and timeouts.
    package init(
        endpoint: Endpoint,
        apiKeyVariable: String = "RUNPOD_API_KEY",
        transport: (any HTTPTransport)? = nil,
        options: RunpodOptions = RunpodOptions()
    ) {
        jobs = RunpodJobClient(
            endpoint: endpoint,
            transport: transport ?? AsyncHTTPTransport(connectTimeout: options.connectTimeout),
            requestTimeout: options.requestTimeout
        )
        self.options = options
        failures = RunpodFailurePolicy(apiKeyVariable: apiKeyVariable, keySource: endpoint.apiKey?.source)
        apiKey = endpoint.apiKey
    }

    /// Streams the reply to `request`: `/run`, then `/stream/{id}` polls until the job ends.
    package func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
        events(for: request, submission: .run)
    }

    /// The reply to `request` through `/runsync?wait=`, continuing with `/status/{id}` polls
    /// (never a second submission) when the job is still running after `wait`.
    ///
    /// The text arrives in one piece at the end. Abandoning the reply while the `/runsync`
    /// request is open cannot cancel the job, whose id is not known yet.
    package func runSync(
        _ request: CompletionRequest,
        wait: Duration = .seconds(90)
    ) -> AsyncThrowingStream<CompletionEvent, any Error> {
        events(for: request, submission: .runSync(wait: wait))
    }

    /// Waits for the `/cancel` requests of abandoned replies; each is bounded by
    /// ``RunpodOptions/cancelTimeout``.
    package func settle() async {
        await background.settle()
    }

    /// The endpoint's `/health`, for the status bar; nil when it does not answer (the SDK's
    /// local test server has no `/health`).
    package func load() async -> EndpointLoad? {
        guard let health = try? await jobs.health() else { return nil }
        return EndpointLoad(
            jobsInQueue: health.jobsInQueue, jobsInProgress: health.jobsInProgress,
            workersIdle: health.workersIdle, workersRunning: health.workersRunning,
            workersInitializing: health.workersInitializing, workersThrottled: health.workersThrottled)
    }

    /// `message` with the API key blacked out, in case a server echoed it.
    func redacted(_ message: String) -> String {
        apiKey?.redacting(message) ?? message
    }
}

extension RunpodBackend: CustomStringConvertible, CustomReflectable {
    /// Names the endpoint but never shows the key.
    package var description: String { "RunpodBackend(\(jobs))" }

    /// Keeps `dump` from printing the key.
    package var customMirror: Mirror { Mirror(self, children: ["jobs": jobs]) }
}
