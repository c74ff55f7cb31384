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
/// - Every `/stream` job that ends COMPLETED costs one more request: `/status`, whose output
///   is the list of every yield (the worker drops a chunk it failed to post three times, and a
///   malformed or lost `/stream` answer drains chunks too). Where it holds other thinking or
///   answer text than was streamed, the whole is reported again as `.reasoningReplaced` or
///   `.replaced`. A CANCELLED or TIMED_OUT job is checked so only after a possibly lost answer.
///   A check that cannot be made (the SDK's local test server has forgotten the job by then
///   and answers FAILED "Job ID not found") ends the reply normally with the streamed text,
///   unless an answer is known to be lost.
/// - The first yield whose shape tells the worker generation is reported as `.generation`,
///   once, before its text (see ``WorkerGeneration/init(revealedBy:inputFormat:)``).
/// - A ``ReplyWatchdog`` limit that runs out abandons the job: the driver cancels it on the
///   server and the reply fails. Giving up after too many failed requests leaves the job be.
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
        /// Read `/status/{id}` of an ended job for its whole output, to repair lost chunks.
        case reconcile(jobID: String)
    }

    /// What the driver does after reporting a step's events.
    package enum Next: Sendable, Equatable {
        /// Wait `after`, send the request and feed its result to ``received(_:)``.
        case send(Operation, after: Duration)
        /// The reply is complete; the events ended with `.finished`.
        case finish
        /// The reply failed with this message.
        case fail(CompletionFailure)
        /// Cancel the job on the server (best effort, without waiting), and fail the reply
        /// with this message.
        case abandon(jobID: String, CompletionFailure)
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
        /// Reading the whole output of a job that ended with `status`.
        case reconciling(jobID: String, status: JobStatus)
        case ended

        var jobID: String? {
            switch self {
            case .polling(let id), .fetchingError(let id), .reconciling(let id, _): id
            case .submitting, .ended: nil
            }
        }
    }

    private let source: Source
    private let completionTokenLimit: Int?
    private let inputFormat: WorkerInputFormat
    private let backoff: Backoff
    private let maximumRetryAfter: Duration
    private let failures: RunpodFailurePolicy
    private let random: @Sendable () -> Double
    private var schedule: PollSchedule
    private var watchdog: ReplyWatchdog
    private var phase = Phase.submitting
    private var decoder = WorkerOutputDecoder()
    private var streamed = StreamedText()
    /// Whether a `/stream` answer may have been lost after the server drained its chunks.
    private var mayHaveLostChunks = false
    private var consecutiveFailures = 0
    private var hasStarted = false
    private var hasReceivedText = false
    /// Whether the worker yielded anything at all, text or not.
    private var hasReceivedOutput = false
    /// Whether the worker generation was reported, or can no longer be told from the output.
    private var isGenerationSettled = false
    private var lastUsage: Usage?
    /// The job's `executionTime`, from the last answer that carried it (the final `/status`
    /// of a streamed job), reported when the reply ends.
    private var execution: Duration?

    /// - Parameters:
    ///   - completionTokenLimit: `max_tokens` × `n` when sent, to recognise a legacy reply cut off by it.
    ///   - inputFormat: How the job's input was shaped, which decides what the output's shape
    ///     says about the worker generation.
    ///   - maximumRetryAfter: The longest `Retry-After` honoured.
    ///   - failures: Decides which failed requests are retried, and words failures.
    ///   - watchdog: The time limits for the queue, the first text and pauses in the text.
    ///   - random: Numbers in `0...1` for the backoff jitter.
    package init(
        source: Source,
        completionTokenLimit: Int?,
        inputFormat: WorkerInputFormat = .native,
        schedule: PollSchedule = PollSchedule(),
        backoff: Backoff = Backoff(),
        maximumRetryAfter: Duration = .seconds(60),
        failures: RunpodFailurePolicy,
        watchdog: ReplyWatchdog = ReplyWatchdog(),
        random: @escaping @Sendable () -> Double
    ) {
        self.source = source
        self.completionTokenLimit = completionTokenLimit
        self.inputFormat = inputFormat
        self.schedule = schedule
        self.watchdog = watchdog
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
    ///
    /// - Parameter now: When the result arrived, as time since any fixed origin; the
    ///   watchdog's limits are measured with it.
    package mutating func received(_ result: Result<JobResponse, RunpodRequestError>, at now: Duration) -> Step {
        if case .success(let job) = result, let reported = job.execution { execution = reported }
        switch (result, phase) {
        case (_, .ended):
            // A driver bug: the reply is already over, so end quietly rather than crash the app.
            return Step(next: .finish)
        case (.success(let job), .submitting):
            consecutiveFailures = 0
            return submitted(job, at: now)
        case (.success(let job), .polling(let jobID)):
            consecutiveFailures = 0
            return handle(job, jobID: jobID, events: [], at: now)
        case (.success(let job), .fetchingError):
            return fail(failures.jobFailed(job.error))
        case (.success(let job), .reconciling(_, let status)):
            return reconciled(job, endedAs: status)
        case (.failure(let error), _):
            return failed(error)
        }
    }

    // MARK: - Responses

    private mutating func submitted(_ job: JobResponse, at now: Duration) -> Step {
        guard !job.id.isEmpty else { return fail(failures.missingJobID) }
        phase = .polling(jobID: job.id)
        return handle(job, jobID: job.id, events: [.queued(jobID: job.id)], at: now)
    }

    private mutating func handle(_ job: JobResponse, jobID: String, events: [CompletionEvent], at now: Duration)
        -> Step
    {
        var events = events
        if job.status.isRunning { markStarted(&events) }
        let outputs = outputs(of: job)
        hasReceivedOutput = hasReceivedOutput || !outputs.isEmpty
        let reported = events.count
        for output in outputs {
            revealGeneration(by: output, into: &events)
            if let failure = report(decoder.decode(output), into: &events) { return fail(failure, after: events) }
        }
        // Thinking counts: a reasoning model may think for minutes before the answer's first word.
        let receivedText = events[reported...].contains(where: \.isText)
        if let expiry = watchdog.check(job.status, receivedText: receivedText, at: now) {
            return abandon(jobID, failures.expired(expiry, jobID: jobID), after: events)
        }
        switch job.status {
        case .completed, .cancelled, .timedOut:
            guard needsCheck(endedAs: job.status) else { return finish(job.status, events: events) }
            phase = .reconciling(jobID: jobID, status: job.status)
            return Step(events: events, next: .send(.reconcile(jobID: jobID), after: .zero))
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

    /// The worker's yields in `job` that are new to this reply.
    private func outputs(of job: JobResponse) -> [JSONValue] {
        switch source {
        case .stream:
            return job.streamOutputs
        case .status:
            // Output before the end would be a progress update (protocol.md §1.3), not the reply.
            guard job.status == .completed, let output = job.output else { return [] }
            // worker-vllm's output is the list of its yields; decoding them one by one is the
            // same as decoding the list, and lets the first yield tell the worker generation.
            return output.arrayValue ?? [output]
        }
    }

    /// Reports the worker generation once, when `output` is the first yield whose shape tells
    /// it, which is before its text. Once text has come without telling, nothing later will.
    private mutating func revealGeneration(by output: JSONValue, into events: inout [CompletionEvent]) {
        guard !isGenerationSettled else { return }
        if let generation = WorkerGeneration(revealedBy: output, inputFormat: inputFormat) {
            events.append(.generation(generation))
            isGenerationSettled = true
        } else if hasReceivedText {
            isGenerationSettled = true
        }
    }

    /// Whether the job's text is read again from `/status` once it ended as `status`: after
    /// every completed `/stream` job, since the worker drops a chunk it failed to post three
    /// times and only the aggregate output keeps it; after a cancelled or timed-out one only
    /// when an answer may have been lost on the way.
    private func needsCheck(endedAs status: JobStatus) -> Bool {
        source == .stream && (status == .completed || mayHaveLostChunks)
    }

    /// Adds the events for `items` and returns the failure when one of them is an error.
    private mutating func report(_ items: [WorkerOutputItem], into events: inout [CompletionEvent]) -> CompletionFailure? {
        for item in items {
            switch item {
            case .delta(let choice, let text):
                markStarted(&events)
                hasReceivedText = true
                streamed.append(text, choice: choice)
                Self.coalesce(.delta(choice: choice, text: text), into: &events)
            case .reasoning(let choice, let text):
                markStarted(&events)
                hasReceivedText = true
                streamed.appendReasoning(text, choice: choice)
                Self.coalesce(.reasoning(choice: choice, text: text), into: &events)
            case .logprobs(let choice, let tokens):
                Self.coalesce(.logprobs(choice: choice, tokens), into: &events)
            case .usage(let usage) where usage != lastUsage:
                lastUsage = usage
                events.append(.usage(usage))
            case .usage, .finished:
                break  // Finish reasons are read from the decoder when the job ends.
            case .error(let report):
                return failures.workerError(report)
            case .malformed(let problem):
                return CompletionFailure(failures.malformedOutput(problem))
            }
        }
        return nil
    }

    /// Adds `event`, joined to an earlier one of the same kind and choice when only the
    /// choice's log probabilities lie between: a burst of up to 50 SSE events (protocol.md
    /// §4.3) then reaches the reader as one text event (and one of log probabilities).
    private static func coalesce(_ event: CompletionEvent, into events: inout [CompletionEvent]) {
        var position = events.count - 1
        if position > 0, case .logprobs(let choice, _) = events[position], choice == event.choice,
            !event.isLogprobs
        {
            position -= 1
        }
        guard position >= 0, let joined = events[position].joined(with: event) else {
            events.append(event)
            return
        }
        events[position] = joined
    }

    private mutating func markStarted(_ events: inout [CompletionEvent]) {
        guard !hasStarted else { return }
        hasStarted = true
        events.append(.started)
    }

    private mutating func finish(_ status: JobStatus, events: [CompletionEvent]) -> Step {
        // A reply of nothing would read as an empty answer that completed: say what happened.
        if status == .completed && !hasReceivedOutput, let jobID = phase.jobID {
            return fail(failures.completedWithoutOutput(jobID: jobID), after: events)
        }
        var events = events
        // An SSE event without its closing blank line may still hold text or a finish reason.
        if let failure = report(decoder.finish(), into: &events) { return fail(failure, after: events) }
        phase = .ended
        let reason: FinishReason =
            switch status {
            case .cancelled: .cancelled
            case .timedOut: .timedOut
            case .inQueue, .inProgress, .running, .completed, .failed, .other:
                decoder.finishReason(completionTokenLimit: completionTokenLimit)
            }
        if let execution { events.append(.executionTime(execution)) }
        events.append(.finished(reason))
        return Step(events: events, next: .finish)
    }

    private mutating func fail(_ message: String, after events: [CompletionEvent] = []) -> Step {
        fail(CompletionFailure(message), after: events)
    }

    private mutating func fail(_ failure: CompletionFailure, after events: [CompletionEvent] = []) -> Step {
        phase = .ended
        return Step(events: events, next: .fail(failure))
    }

    private mutating func abandon(_ jobID: String, _ message: String, after events: [CompletionEvent]) -> Step {
        phase = .ended
        return Step(events: events, next: .abandon(jobID: jobID, CompletionFailure(message)))
    }

    /// Finishes a job whose streamed text may have gaps, repairing it from `job`'s output:
    /// the list of all the worker's yields. Without that list the text stays as it is; so it
    /// does when `/status` does not show the job ended yet, as its output may then be a
    /// progress report (protocol.md §1.3).
    private mutating func reconciled(_ job: JobResponse, endedAs status: JobStatus) -> Step {
        guard job.status.isTerminal, let output = job.output, output != .array([]) else {
            return finish(status, events: [])
        }
        hasReceivedOutput = true
        var whole = WorkerOutputDecoder()
        let items = whole.decode(output) + whole.finish()
        var events: [CompletionEvent] = []
        let replacements = streamed.replacements(from: items)
        if !replacements.isEmpty { markStarted(&events) }
        events += replacements
        // Usage is cumulative, so the last is the total; an error is one a lost chunk carried.
        let rest =
            items.filter(\.isFailure)
            + items.filter { if case .usage = $0 { true } else { false } }.suffix(1)
        if let failure = report(rest, into: &events) { return fail(failure, after: events) }
        // The whole output also decides the finish reason, which a lost chunk may have carried.
        decoder = whole
        return finish(status, events: events)
    }

    // MARK: - Request failures

    private var pendingOperation: Operation {
        switch phase {
        case .submitting, .ended: .submit
        case .polling(let jobID): .poll(jobID: jobID)
        case .fetchingError(let jobID): .fetchError(jobID: jobID)
        case .reconciling(let jobID, _): .reconcile(jobID: jobID)
        }
    }

    private mutating func failed(_ error: RunpodRequestError) -> Step {
        let operation = pendingOperation
        if source == .stream, case .poll = operation, error.mayHaveTakenEffect { mayHaveLostChunks = true }
        switch failures.verdict(on: error, operation: operation, source: source) {
        case .fail(let message):
            return uncheckedEnd() ?? fail(message)
        case .retry(let reason, let retryAfter):
            consecutiveFailures += 1
            guard backoff.allowsRetry(afterFailures: consecutiveFailures) else {
                return uncheckedEnd()
                    ?? fail(failures.gaveUp(after: consecutiveFailures, reason: reason, operation: operation))
            }
            let delay = backoff.delay(
                afterFailures: consecutiveFailures, jitter: random(), retryAfter: retryAfter.map { min($0, maximumRetryAfter) },
                rateLimited: error.isRateLimited)
            return Step(events: [.retrying(reason: reason, delay: delay)], next: .send(operation, after: delay))
        }
    }

    /// The normal end of a job whose routine check against `/status` could not be made: no
    /// answer was lost, so the streamed text is whole as far as anyone can tell.
    private mutating func uncheckedEnd() -> Step? {
        guard case .reconciling(_, let status) = phase, !mayHaveLostChunks else { return nil }
        return finish(status, events: [])
    }
}
