import PodchatCore

/// The Runpod job protocol as a pure state machine: given each response, what to report and
/// which request to send next.
///
/// It submits a job, polls it until a terminal status, decodes its output with a
/// ``WorkerOutputDecoder`` and retries failed requests with a ``Backoff``; a driver performs
/// the requests (see ``RunpodBackend``). Rules (protocol.md §7.3–§7.6):
///
/// - `/stream` drains: each response's chunks are reported once and never fetched again.
/// - COMPLETED, FAILED, CANCELLED and TIMED_OUT end the job after that response's chunks are
///   decoded, with no further poll; any other status, known or not, means "keep polling".
/// - A FAILED response without `error` leads to one `/status` request for it.
/// - A failed poll is retried on the same job; `/run` is re-sent only when it certainly
///   created no job (HTTP 429, or no connection was made).
/// - TIMED_OUT finishes the reply as ``FinishReason/timedOut`` rather than failing it, so the
///   text already shown is kept and marked, like a cancelled reply.
package struct RunpodJobPoller: Sendable {
    /// Where the job's output is read from.
    package enum Source: Sendable, Equatable {
        /// `/stream/{id}`, chunk by chunk while the job runs (after `/run`).
        case stream
        /// `/status/{id}`, the whole output once the job has ended (after `/runsync`).
        case status
    }

    /// A request for the driver to send.
    package enum Operation: Sendable, Equatable {
        /// Submit the job: `/run` for the stream source, `/runsync` for the status source.
        case submit
        /// Poll the job at its source.
        case poll(jobID: String)
        /// Read `/status/{id}` for the `error` of a FAILED job.
        case fetchError(jobID: String)
    }

    /// What the driver does after reporting a step's events.
    package enum Next: Sendable, Equatable {
        /// Wait `after`, send the request and feed its result to ``received(_:)``.
        case send(Operation, after: Duration)
        /// The reply is complete; the events ended with `.finished`.
        case finish
        /// The reply failed with this message.
        case fail(CompletionFailure)
    }

    /// The outcome of one input: events to report, in order, then what to do next.
    package struct Step: Sendable, Equatable {
        /// Events for the reader, in order.
        package var events: [CompletionEvent]
        /// What the driver does once the events are out.
        package var next: Next

        /// A step that reports `events`, then does `next`.
        package init(events: [CompletionEvent] = [], next: Next) {
            self.events = events
            self.next = next
        }
    }

    private enum Phase: Sendable {
        case submitting
        case polling(jobID: String)
        case fetchingError(jobID: String)
        case ended
    }

    private let source: Source
    private let completionTokenLimit: Int?
    private let backoff: Backoff
    private let maximumRetryAfter: Duration
    private let failures: RunpodFailurePolicy
    private let random: @Sendable () -> Double
    private var schedule: PollSchedule
    private var phase = Phase.submitting
    private var decoder = WorkerOutputDecoder()
    private var consecutiveFailures = 0
    private var hasStarted = false
    private var lastUsage: Usage?

    /// - Parameters:
    ///   - completionTokenLimit: `max_tokens` × `n` when sent, to recognise a legacy reply cut off by it.
    ///   - maximumRetryAfter: The longest `Retry-After` honoured.
    ///   - failures: Decides which failed requests are retried, and words failures.
    ///   - random: Numbers in `0...1` for the backoff jitter.
    package init(
        source: Source,
        completionTokenLimit: Int?,
        schedule: PollSchedule = PollSchedule(),
        backoff: Backoff = Backoff(),
        maximumRetryAfter: Duration = .seconds(60),
        failures: RunpodFailurePolicy,
        random: @escaping @Sendable () -> Double
    ) {
        self.source = source
        self.completionTokenLimit = completionTokenLimit
        self.schedule = schedule
        self.backoff = backoff
        self.maximumRetryAfter = maximumRetryAfter
        self.failures = failures
        self.random = random
    }

    /// The first step: submit the job.
    package func start() -> Step {
        Step(next: .send(.submit, after: .zero))
    }

    /// The job to cancel if the reply is abandoned now: known and not yet ended.
    package var jobToCancel: String? {
        if case .polling(let jobID) = phase { return jobID }
        return nil
    }

    /// Takes the result of the request the last step asked for and returns the next step.
    package mutating func received(_ result: Result<JobResponse, RunpodRequestError>) -> Step {
        switch (result, phase) {
        case (_, .ended):
            // A driver bug: the reply is already over, so end quietly rather than crash the app.
            return Step(next: .finish)
        case (.success(let job), .submitting):
            consecutiveFailures = 0
            return submitted(job)
        case (.success(let job), .polling(let jobID)):
            consecutiveFailures = 0
            return handle(job, jobID: jobID, events: [])
        case (.success(let job), .fetchingError):
            return fail(failures.jobFailed(job.error))
        case (.failure(let error), _):
            return failed(error)
        }
    }

    // MARK: - Responses

    private mutating func submitted(_ job: JobResponse) -> Step {
        guard !job.id.isEmpty else { return fail(failures.missingJobID) }
        phase = .polling(jobID: job.id)
        return handle(job, jobID: job.id, events: [.queued(jobID: job.id)])
    }

    private mutating func handle(_ job: JobResponse, jobID: String, events: [CompletionEvent]) -> Step {
        var events = events
        if job.status.isRunning { markStarted(&events) }
        let outputs = outputs(of: job)
        for output in outputs {
            if let failure = report(decoder.decode(output), into: &events) { return fail(failure, after: events) }
        }
        switch job.status {
        case .completed, .cancelled, .timedOut:
            return finish(job.status, events: events)
        case .failed where job.error != nil:
            return fail(failures.jobFailed(job.error), after: events)
        case .failed:
            phase = .fetchingError(jobID: jobID)
            return Step(events: events, next: .send(.fetchError(jobID: jobID), after: .zero))
        case .inQueue, .inProgress, .running, .other:
            let delay = schedule.next(afterOutput: !outputs.isEmpty)
            return Step(events: events, next: .send(.poll(jobID: jobID), after: delay))
        }
    }

    /// The output values in `job` that are new to this reply.
    private func outputs(of job: JobResponse) -> [JSONValue] {
        switch source {
        case .stream:
            return job.streamOutputs
        case .status:
            // Output before the end would be a progress update (protocol.md §1.3), not the reply.
            guard job.status == .completed, let output = job.output else { return [] }
            return [output]
        }
    }

    /// Adds the events for `items` and returns the failure when one of them is an error.
    private mutating func report(_ items: [WorkerOutputItem], into events: inout [CompletionEvent]) -> String? {
        for item in items {
            switch item {
            case .delta(let choice, let text):
                markStarted(&events)
                append(text, choice: choice, to: &events)
            case .usage(let usage) where usage != lastUsage:
                lastUsage = usage
                events.append(.usage(usage))
            case .usage, .finished:
                break  // Finish reasons are read from the decoder when the job ends.
            case .error(let message):
                return failures.workerError(message)
            }
        }
        return nil
    }

    /// Adds a delta, joined to the previous event when that is a delta of the same choice: a
    /// burst of up to 50 SSE events (protocol.md §4.3) then reaches the reader as one event.
    private func append(_ text: String, choice: Int, to events: inout [CompletionEvent]) {
        if case .delta(choice, let earlier)? = events.last {
            events[events.count - 1] = .delta(choice: choice, text: earlier + text)
        } else {
            events.append(.delta(choice: choice, text: text))
        }
    }

    private mutating func markStarted(_ events: inout [CompletionEvent]) {
        guard !hasStarted else { return }
        hasStarted = true
        events.append(.started)
    }

    private mutating func finish(_ status: JobStatus, events: [CompletionEvent]) -> Step {
        var events = events
        // An SSE event without its closing blank line may still hold text or a finish reason.
        if let failure = report(decoder.finish(), into: &events) { return fail(failure, after: events) }
        phase = .ended
        let reason: FinishReason =
            switch status {
            case .cancelled: .cancelled
            case .timedOut: .timedOut
            default: decoder.finishReason(completionTokenLimit: completionTokenLimit)
            }
        events.append(.finished(reason))
        return Step(events: events, next: .finish)
    }

    private mutating func fail(_ message: String, after events: [CompletionEvent] = []) -> Step {
        phase = .ended
        return Step(events: events, next: .fail(CompletionFailure(message)))
    }

    // MARK: - Request failures

    private var pendingOperation: Operation {
        switch phase {
        case .submitting, .ended: .submit
        case .polling(let jobID): .poll(jobID: jobID)
        case .fetchingError(let jobID): .fetchError(jobID: jobID)
        }
    }

    private mutating func failed(_ error: RunpodRequestError) -> Step {
        let operation = pendingOperation
        switch failures.verdict(on: error, operation: operation, source: source) {
        case .fail(let message):
            return fail(message)
        case .retry(let reason, let retryAfter):
            consecutiveFailures += 1
            guard backoff.allowsRetry(afterFailures: consecutiveFailures) else {
                return fail(failures.gaveUp(after: consecutiveFailures, reason: reason, operation: operation))
            }
            let delay =
                retryAfter.map { min($0, maximumRetryAfter) }
                ?? backoff.delay(afterFailures: consecutiveFailures, jitter: random())
            return Step(events: [.retrying(reason: reason, delay: delay)], next: .send(operation, after: delay))
        }
    }
}
