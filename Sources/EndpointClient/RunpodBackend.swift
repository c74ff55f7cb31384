import PodchatCore

/// A ``CompletionBackend`` for a Runpod Serverless endpoint running worker-vllm.
///
/// ``complete(_:)`` submits the job with `/run` and drains `/stream/{id}` until the job ends,
/// so text arrives while it is generated; ``runSync(_:wait:)`` uses `/runsync` and `/status`
/// and delivers the text at the end. Both retry failed polls on the same job, report retries
/// as `.retrying`, and cancel the job (`/cancel`, best effort) when the reply is abandoned or
/// runs out of time (the timeouts in ``RunpodOptions``). Every job read through `/stream` that
/// completes is checked against its aggregate output on `/status` (one more request; the
/// worker drops a chunk it failed to post three times, and an answer lost on the way drains
/// chunks too), and where that differs the whole text is delivered again as `.replaced` or
/// `.reasoningReplaced`.
///
/// Each reply reports the worker generation its output reveals (`.generation`); the backend
/// remembers it and leaves out of later native inputs the fields a legacy worker would fail
/// the job on. Until it knows, it assumes today's proxy worker.
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
    /// The worker generation the endpoint's output last showed, which shapes native inputs.
    let generation: Remembered<WorkerGeneration>
    /// The answer of ``modelInfo()`` once the endpoint gave one; a stored nil means it has none.
    let servedModel = Remembered<ModelInfo?>()
    /// Kept only to scrub it out of messages that quote the server.
    private let apiKey: APIKey?

    /// - Parameters:
    ///   - endpoint: The base URL and optional API key.
    ///   - apiKeyVariable: The environment variable to suggest when the endpoint wants a key
    ///     and was sent none; a rejected key is blamed on its own source.
    ///   - transport: Sends the HTTP requests; by default an ``AsyncHTTPTransport`` with the
    ///     options' connect timeout.
    ///   - options: Pacing, retries and timeouts.
    ///   - workerGeneration: The generation this endpoint showed before (persisted by the
    ///     caller), until its output shows one again; nil assumes today's proxy worker.
    package init(
        endpoint: Endpoint,
        apiKeyVariable: String = "RUNPOD_API_KEY",
        transport: (any HTTPTransport)? = nil,
        options: RunpodOptions = RunpodOptions(),
        workerGeneration: WorkerGeneration? = nil
    ) {
        jobs = RunpodJobClient(
            endpoint: endpoint,
            apiKeyVariable: apiKeyVariable,
            transport: transport ?? AsyncHTTPTransport(connectTimeout: options.connectTimeout),
            requestTimeout: options.requestTimeout
        )
        self.options = options
        failures = RunpodFailurePolicy(apiKeyVariable: apiKeyVariable, keySource: endpoint.apiKey?.source)
        apiKey = endpoint.apiKey
        generation = Remembered(workerGeneration)
    }

    /// How long ``runSync(_:wait:)`` asks the server to hold the `/runsync` request by default.
    package static let defaultRunSyncWait = Duration.seconds(90)

    /// The worker generation the endpoint's output showed last (or the one given at init), to
    /// persist per endpoint; nil while unknown.
    package var workerGeneration: WorkerGeneration? { generation.value }

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
        wait: Duration = defaultRunSyncWait
    ) -> AsyncThrowingStream<CompletionEvent, any Error> {
        events(for: request, submission: .runSync(wait: wait))
    }

    /// The `/run` request ``complete(_:)`` would send for `request` now, key left out.
    package func preview(_ request: CompletionRequest) -> RequestPreview? {
        preview(request, submission: .run)
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

    /// `failure` with the API key blacked out of its message and detail.
    func redacted(_ failure: CompletionFailure) -> CompletionFailure {
        apiKey?.redacting(failure) ?? failure
    }
}

extension RunpodBackend: CustomStringConvertible, CustomReflectable {
    /// Names the endpoint but never shows the key.
    package var description: String { "RunpodBackend(\(jobs))" }

    /// Keeps `dump` from printing the key.
    package var customMirror: Mirror { Mirror(self, children: ["jobs": jobs]) }
}
