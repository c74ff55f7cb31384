import NIOHTTP1
import PodchatCore

/// The async loop that performs what ``RunpodJobPoller`` asks for.
extension RunpodBackend {
    /// How a reply's job is submitted.
    package enum Submission: Sendable {
        case run
        case runSync(wait: Duration)

        var source: RunpodJobPoller.Source {
            switch self {
            case .run: .stream
            case .runSync: .status
            }
        }

        /// The operation under the endpoint's base URL.
        var path: String {
            switch self {
            case .run: "/run"
            case .runSync(let wait): RunpodJobClient.runSyncPath(wait: wait)
            }
        }

        /// What follows the submission, for previews.
        var followUp: String {
            switch self {
            case .run: "then GET /stream/{job id} until the job ends, and GET /status/{job id} to check the whole output"
            case .runSync: "the answer holds the output once the job is done; while it runs, GET /status/{job id} follows"
            }
        }
    }

    /// The request that submits `request`'s job by `submission`, key left out: the bytes
    /// ``complete(_:)`` and ``runSync(_:wait:)`` send (the worker generation known now shapes
    /// the input), plus a note on the polls that follow.
    package func prepare(_ request: CompletionRequest, submission: Submission = .run) -> PreparedRequest {
        jobs.prepared(.POST, submission.path, body: jobInput(for: request).body)
    }

    /// The preview of ``prepare(_:submission:)``, with what follows the submission.
    package func preview(_ request: CompletionRequest, submission: Submission) -> RequestPreview {
        prepare(request, submission: submission).preview(notes: [submission.followUp])
    }

    /// The reply's job input and the `/run` or `/runsync` body carrying it.
    private func jobInput(for request: CompletionRequest) -> (input: WorkerInput, format: WorkerInputFormat, body: JSONValue) {
        let format = workerFormat(for: request)
        let input = WorkerInput(request, format: format, generation: generation.value)
        return (input, format, input.envelope(policy: options.policy))
    }

    /// The events of one reply, produced by a task that stops when the stream is dropped.
    func events(for request: CompletionRequest, submission: Submission)
        -> AsyncThrowingStream<CompletionEvent, any Error>
    {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: CompletionEvent.self)
        let task = Task { await drive(request, submission: submission, continuation: continuation) }
        let background = self.background
        continuation.onTermination = { termination in
            task.cancel()
            // The reader leaves at once; the driver registers its `/cancel` only as it unwinds,
            // so `settle()` must wait for that too or a quitting process could drop the cancel.
            if case .cancelled = termination { background.start { await task.value } }
        }
        return stream
    }

    private func drive(
        _ request: CompletionRequest,
        submission: Submission,
        continuation: AsyncThrowingStream<CompletionEvent, any Error>.Continuation
    ) async {
        let generationWasUnknown = generation.value == nil
        var hasResubmitted = false
        let (input, format, firstBody) = jobInput(for: request)
        var body = firstBody
        var poller = poller(for: input, format: format, source: submission.source, streaming: request.stream)
        var step = poller.start()
        var exchanges = JobExchanges()
        do {
            while true {
                // Before the last step's events, so it comes before `.finished` as every event must.
                if Self.ends(step.next) { continuation.yield(.exchanges(exchanges)) }
                for event in step.events {
                    if case .generation(let seen) = event { generation.store(seen) }
                    continuation.yield(event)
                }
                switch step.next {
                case .finish:
                    return continuation.finish()
                case .fail(let failure):
                    guard generationWasUnknown, !hasResubmitted, generation.value == nil, Self.isLegacyRefusal(failure) else {
                        return continuation.finish(throwing: redacted(failure))
                    }
                    // The input was shaped for the proxy worker (the generation was not known yet)
                    // and a legacy worker's SamplingParams refused a field of it: the job failed
                    // before generating, so sending it once more, shaped for legacy, duplicates nothing.
                    hasResubmitted = true
                    generation.store(.legacy)
                    continuation.yield(.generation(.legacy))
                    let (legacyInput, legacyFormat, legacyBody) = jobInput(for: request)
                    body = legacyBody
                    poller = self.poller(for: legacyInput, format: legacyFormat, source: submission.source, streaming: request.stream)
                    step = poller.start()
                    continue
                case .abandon(let jobID, let failure):
                    cancelInBackground(jobID)
                    return continuation.finish(throwing: redacted(failure))
                case .send(let operation, let delay):
                    if delay > .zero { try await options.sleep(delay) }
                    exchanges.sent(method(of: operation, submission: submission), path(of: operation, submission: submission))
                    let result = try await perform(operation, body: body, submission: submission)
                    exchanges.answered(Self.answerText(of: result), status: try? result.get().status)
                    step = poller.received(result, at: options.now())
                    // Checked after the poller saw the answer, so a job created meanwhile is known and cancelled.
                    try Task.checkCancellation()
                }
            }
        } catch {
            // Only cancellation lands here: failed requests reach the poller as results.
            if let jobID = poller.jobToCancel { cancelInBackground(jobID) }
            continuation.finish(throwing: CancellationError())
        }
    }

    /// Whether `failure` is a legacy worker's `SamplingParams` refusing a keyword it lacks
    /// (`Unexpected keyword argument 'top_logprobs'`, msgspec's wording; Python's own says
    /// "got an unexpected keyword argument"): what a job shaped for the proxy worker meets there.
    private static func isLegacyRefusal(_ failure: CompletionFailure) -> Bool {
        [failure.message, failure.detail ?? ""].contains { $0.lowercased().contains("unexpected keyword argument") }
    }

    /// The request's own input format (the chat window's panel), else the configured one.
    private func workerFormat(for request: CompletionRequest) -> WorkerInputFormat {
        switch request.inputFormat {
        case nil: return options.inputFormat
        case .native: return .native
        case .openai:
            // Without a configured model the worker fills in the one it serves.
            if case .openAI = options.inputFormat { return options.inputFormat }
            return .openAI(model: nil)
        }
    }

    /// - Parameter streaming: Whether the worker sends text while it generates; without that the
    ///   text comes in one piece at the end, and pauses in it mean nothing.
    private func poller(for input: WorkerInput, format: WorkerInputFormat, source: RunpodJobPoller.Source, streaming: Bool)
        -> RunpodJobPoller
    {
        let textFlows = source == .stream && streaming
        let watchdog = ReplyWatchdog(
            queueTimeout: options.queueTimeout,
            firstTokenTimeout: textFlows ? options.firstTokenTimeout : nil,
            idleTimeout: textFlows ? options.idleTimeout : nil
        )
        return RunpodJobPoller(
            source: source,
            completionTokenLimit: input.completionTokenLimit,
            inputFormat: format,
            schedule: options.pollSchedule,
            backoff: options.backoff,
            maximumRetryAfter: options.maximumRetryAfter,
            failures: failures,
            watchdog: watchdog,
            random: options.random
        )
    }

    private func perform(_ operation: RunpodJobPoller.Operation, body: JSONValue, submission: Submission)
        async throws -> Result<JobResponse, RunpodRequestError>
    {
        let jobs = self.jobs
        switch (operation, submission) {
        case (.submit, .run):
            // Not cancelled with the reply: if the job gets created, its id is needed to cancel it.
            // `/run` answers at once, so this delays only the cancel, never the reader.
            return try await Task { try await Self.result { try await jobs.run(body) } }.value
        case (.submit, .runSync(let wait)):
            return try await Self.result { try await jobs.runSync(body, wait: wait) }
        case (.poll(let jobID), .run):
            return try await Self.result { try await jobs.stream(jobID: jobID) }
        case (.poll(let jobID), .runSync), (.fetchError(let jobID), _), (.reconcile(let jobID), _):
            return try await Self.result { try await jobs.status(jobID: jobID) }
        }
    }

    /// Whether `next` ends the reply (a failure may still resubmit once, reporting again).
    private static func ends(_ next: RunpodJobPoller.Next) -> Bool {
        switch next {
        case .finish, .fail, .abandon: true
        case .send: false
        }
    }

    /// How `operation` goes on the wire, for the inspector's count of requests.
    private func method(of operation: RunpodJobPoller.Operation, submission: Submission) -> String {
        switch operation {
        case .submit: "POST"
        case .poll, .fetchError, .reconcile: jobs.pollMethod.current.rawValue
        }
    }

    private func path(of operation: RunpodJobPoller.Operation, submission: Submission) -> String {
        switch (operation, submission) {
        case (.submit, .run): "/run"
        case (.submit, .runSync(let wait)): RunpodJobClient.runSyncPath(wait: wait)
        case (.poll(let jobID), .run): "/stream/\(jobID)"
        case (.poll(let jobID), .runSync), (.fetchError(let jobID), _), (.reconcile(let jobID), _): "/status/\(jobID)"
        }
    }

    /// The answer as the inspector shows it: the job object pretty-printed, or why the request failed.
    private static func answerText(of result: Result<JobResponse, RunpodRequestError>) -> String {
        switch result {
        // Only what the inspector keeps is written: one character more than it shows, so it
        // knows to mark the cut.
        case .success(let job): job.answerJSON.prettyText(upTo: JobExchanges.answerLimit + 1)
        case .failure(let error): "(no answer: \(error))"
        }
    }

    /// The request's answer or failure; only cancellation is thrown.
    private static func result(_ call: () async throws -> JobResponse)
        async throws -> Result<JobResponse, RunpodRequestError>
    {
        do {
            return .success(try await call())
        } catch let error as RunpodRequestError {
            return .failure(error)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            // A transport that broke its contract; treat it like any network failure.
            return .failure(.transport(TransportError(.interrupted, detail: "\(error)")))
        }
    }

    /// Sends `/cancel` without making the reader wait: the reply is already over for it.
    /// ``settle()`` waits for it, so quitting does not drop it.
    private func cancelInBackground(_ jobID: String) {
        let jobs = self.jobs
        let timeout = options.cancelTimeout
        background.start { _ = try? await jobs.cancel(jobID: jobID, timeout: timeout) }
    }
}
