import EndpointClient
import PodchatCore
import Testing

extension RunpodJobPoller {
    /// A result at time zero, for tests where the watchdog plays no part.
    mutating func received(_ result: Result<JobResponse, RunpodRequestError>) -> Step {
        received(result, at: .zero)
    }
}

/// The poller's answers to the faults real endpoints produce, with time passed in by hand.
@Suite struct RunpodJobPollerFaultTests {
    typealias Step = RunpodJobPoller.Step

    static let poll = RunpodJobPoller.Operation.poll(jobID: "j1")
    static let reconcile = RunpodJobPoller.Operation.reconcile(jobID: "j1")
    static let chunks = WorkerFixtures.legacyChunks
    /// podchat's default limits: 5 min for the first text, 2 min between texts, no queue limit.
    static let defaults = ReplyWatchdog(firstTokenTimeout: .seconds(300), idleTimeout: .seconds(120))

    static func poller(_ source: RunpodJobPoller.Source = .stream, watchdog: ReplyWatchdog = defaults)
        -> RunpodJobPoller
    {
        RunpodJobPoller(
            source: source,
            completionTokenLimit: 20,
            schedule: PollSchedule(),
            backoff: Backoff(maximumRetries: 3),
            failures: RunpodJobPollerTests.failures,
            watchdog: watchdog,
            random: { 1 }
        )
    }

    static func job(_ status: String, _ chunks: [JSONValue] = []) -> Result<JobResponse, RunpodRequestError> {
        RunpodJobPollerTests.job(status, chunks)
    }

    static func status(_ status: String, output: JSONValue?) -> Result<JobResponse, RunpodRequestError> {
        RunpodJobPollerTests.status(status, output: output)
    }

    static let malformed = RunpodRequestError.malformedResponse(#"{"id":"j1","status":"IN_PRO"#)

    // MARK: - Time limits

    @Test func keepsWaitingThroughAColdStartOfMinutesPollingAtLeastOnceASecond() {
        var poller = Self.poller()
        var now = Duration.zero
        var step = poller.received(Self.job("IN_QUEUE"), at: now)
        while now < .seconds(900) {
            guard case .send(Self.poll, let delay) = step.next, delay <= .seconds(1) else {
                Issue.record("at \(now): \(step)")
                return
            }
            now += delay
            step = poller.received(Self.job("IN_QUEUE"), at: now)
        }
        // A cold start's queue time does not count against the first token.
        step = poller.received(Self.job("IN_PROGRESS"), at: now)
        #expect(step == Step(events: [.started], next: .send(Self.poll, after: .seconds(1))))
        #expect(poller.received(Self.job("COMPLETED", Self.chunks), at: now + .seconds(1)).next == .send(Self.reconcile, after: .zero))
        #expect(poller.received(Self.status("COMPLETED", output: .array(Self.chunks)), at: now + .seconds(1)).next == .finish)
    }

    @Test func cancelsAJobThatOutstaysTheOptionalQueueTimeout() {
        var poller = Self.poller(watchdog: ReplyWatchdog(queueTimeout: .seconds(90)))
        _ = poller.received(Self.job("IN_QUEUE"), at: .seconds(10))
        #expect(poller.received(Self.job("IN_QUEUE"), at: .seconds(99)).next == .send(Self.poll, after: .milliseconds(180)))
        let message =
            "Job j1 waited in the queue for 1 min 30 s without a worker taking it (the queue timeout), "
            + "so podchat cancelled it."
        #expect(
            poller.received(Self.job("IN_QUEUE"), at: .seconds(100))
                == Step(next: .abandon(jobID: "j1", CompletionFailure(message))))
        #expect(poller.jobToCancel == nil, "the driver cancels an abandoned job itself")
    }

    @Test func cancelsAJobWhoseWorkerSendsNoTextWithinTheFirstTokenTimeout() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"), at: .zero)
        _ = poller.received(Self.job("IN_PROGRESS"), at: .seconds(100))
        #expect(poller.received(Self.job("IN_PROGRESS"), at: .seconds(399)).next == .send(Self.poll, after: .milliseconds(270)))
        let step = poller.received(Self.job("IN_PROGRESS"), at: .seconds(400))
        let message =
            "A worker started job j1 but sent no text within 5 min (the first-token timeout), so podchat "
            + "cancelled the job."
        #expect(step == Step(next: .abandon(jobID: "j1", CompletionFailure(message))))
    }

    @Test func cancelsAJobThatFallsSilentMidStreamSayingTheTextIsKept() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]), at: .seconds(10))
        // New text restarts the idle countdown.
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[1]]), at: .seconds(100))
        #expect(poller.received(Self.job("IN_PROGRESS"), at: .seconds(219)).next == .send(Self.poll, after: .milliseconds(120)))
        let message =
            "No new text arrived for 2 min while job j1 was still in progress (the idle timeout), so podchat "
            + "cancelled the job. The text received so far is kept."
        #expect(
            poller.received(Self.job("IN_PROGRESS"), at: .seconds(220))
                == Step(next: .abandon(jobID: "j1", CompletionFailure(message))))
    }

    @Test(arguments: ["COMPLETED", "CANCELLED", "TIMED_OUT"])
    func endsNormallyWhenTheJobEndsHoweverLateThatIs(_ status: String) {
        var poller = Self.poller(watchdog: ReplyWatchdog(queueTimeout: .seconds(1), firstTokenTimeout: .seconds(1)))
        _ = poller.received(Self.job("IN_PROGRESS"), at: .zero)
        var step = poller.received(Self.job(status, [Self.chunks[0]]), at: .seconds(3600))
        if status == "COMPLETED" {
            #expect(step.next == .send(Self.reconcile, after: .zero))
            step = poller.received(Self.status(status, output: .array([])), at: .seconds(3601))
        }
        #expect(step.next == .finish)
    }

    /// A job that COMPLETED without one yield is no empty answer: the SDK's local server did
    /// that when llama.cpp refused a prompt longer than its context with an empty stream.
    @Test func aJobThatCompletedWithoutAnyOutputFails() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS"), at: .zero)
        #expect(poller.received(Self.job("COMPLETED"), at: .seconds(1)).next == .send(Self.reconcile, after: .zero))
        let step = poller.received(Self.status("COMPLETED", output: .array([])), at: .seconds(1))
        guard case .fail(let failure) = step.next else {
            Issue.record("not a failure: \(step)")
            return
        }
        #expect(failure.message.hasPrefix("The job j1 completed without any output"))
    }

    /// A reasoning model thinks before it answers; thinking is the job at work, not silence.
    @Test func countsThinkingAsTextForTheFirstTokenAndIdleLimits() {
        var poller = Self.poller()
        let thinking = { (text: String) in
            JSONValue.string(WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"reasoning":"\#(text)"}"#, finish: nil)))
        }
        _ = poller.received(Self.job("IN_PROGRESS"), at: .zero)
        let first = poller.received(Self.job("IN_PROGRESS", [thinking("Hmm")]), at: .seconds(299))
        #expect(first.events == [.generation(.proxy), .reasoning(choice: 0, text: "Hmm")])
        // Past the first-token limit counted from the start, but thinking came: only idle time counts now.
        let later = poller.received(Self.job("IN_PROGRESS", [thinking(" more")]), at: .seconds(410))
        #expect(later.events == [.reasoning(choice: 0, text: " more")])
        guard case .send(Self.poll, _) = later.next else {
            Issue.record("thinking for 410 s must not trip the first-token limit: \(later)")
            return
        }
        let quiet = poller.received(Self.job("IN_PROGRESS"), at: .seconds(529))
        if case .send(Self.poll, _) = quiet.next {} else { Issue.record("119 s after thinking is not idle yet: \(quiet)") }
        guard case .abandon(_, let failure) = poller.received(Self.job("IN_PROGRESS"), at: .seconds(530)).next else {
            Issue.record("two silent minutes after thinking must still run out")
            return
        }
        #expect(failure.message.contains("the idle timeout"))
    }

    @Test func appliesNoTimeLimitThatIsSwitchedOff() {
        var poller = Self.poller(watchdog: ReplyWatchdog())
        _ = poller.received(Self.job("IN_QUEUE"), at: .zero)
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]), at: .seconds(3600))
        #expect(poller.received(Self.job("IN_PROGRESS"), at: .seconds(7200)).next != .finish)
        #expect(poller.jobToCancel == "j1")
    }

    // MARK: - Lost answers and reconciliation

    @Test func retriesAMalformedPollThenRepairsTheTextFromTheFinalOutput() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
        // The malformed answer had drained chunks 1 and 2; they never come again.
        #expect(
            poller.received(.failure(Self.malformed))
                == Step(
                    events: [.retrying(reason: "the endpoint sent a malformed answer", delay: .milliseconds(250))],
                    next: .send(Self.poll, after: .milliseconds(250))))
        let last = poller.received(Self.job("COMPLETED", [Self.chunks[3]]))
        #expect(last.next == .send(Self.reconcile, after: .zero))
        #expect(!last.events.contains(.finished(.length)), "the reply ends only after the check")
        #expect(poller.jobToCancel == nil)
        #expect(
            poller.received(Self.status("COMPLETED", output: .array(Self.chunks)))
                == Step(
                    events: [.replaced(choice: 0, text: WorkerFixtures.legacyText), .finished(.length)],
                    next: .finish))
    }

    /// The worker drops a chunk it failed to post three times, with only a log line: no
    /// request fails, the stream just skips it. Only the aggregate output has it.
    @Test func repairsAChunkTheWorkerDroppedThoughNoRequestFailed() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", Array(Self.chunks[0...1])))
        let last = poller.received(Self.job("COMPLETED", [Self.chunks[3]]))
        #expect(last.next == .send(Self.reconcile, after: .zero))
        #expect(
            poller.received(Self.status("COMPLETED", output: .array(Self.chunks)))
                == Step(events: [.replaced(choice: 0, text: WorkerFixtures.legacyText), .finished(.length)], next: .finish))
    }

    @Test func repairsThinkingAndAnswerOfAProxyStreamSeparately() {
        var poller = Self.poller()
        let events = WorkerFixtures.reasoningChatSSE().split(separator: "\n\n").map { JSONValue.string($0 + "\n\n") }
        // Yields 2 (" about «it».") and 3 ("Forty-two.") never reached /stream.
        let streamed = poller.received(Self.job("IN_PROGRESS", Array(events[0...1])))
        #expect(streamed.events == [.queued(jobID: "j1"), .started, .generation(.proxy), .reasoning(choice: 0, text: "Let me think")])
        #expect(poller.received(Self.job("COMPLETED", Array(events[4...]))).next == .send(Self.reconcile, after: .zero))
        #expect(
            poller.received(Self.status("COMPLETED", output: .array(events)))
                == Step(
                    events: [
                        .reasoningReplaced(choice: 0, text: WorkerFixtures.reasoningText),
                        .replaced(choice: 0, text: "Forty-two."), .finished(.completed),
                    ],
                    next: .finish))
    }

    /// The SDK's local test server forgets a job once `/stream` returned it: the check then
    /// reads FAILED "Job ID not found", which says nothing about the text.
    @Test func keepsTheStreamedTextWhenTheServerHasForgottenTheJob() {
        var poller = Self.poller()
        _ = poller.received(Self.job("COMPLETED", Self.chunks))
        let forgotten = JobResponse(id: "j1", status: .failed, error: .string("Job ID not found"))
        #expect(poller.received(.success(forgotten)) == Step(events: [.finished(.length)], next: .finish))
    }

    @Test(arguments: [
        RunpodRequestError.status(code: 404, retryAfter: nil, body: ""),
        .status(code: 400, retryAfter: nil, body: "bad"),
    ])
    func endsNormallyWhenTheRoutineCheckIsRefused(_ error: RunpodRequestError) {
        var poller = Self.poller()
        _ = poller.received(Self.job("COMPLETED", Self.chunks))
        #expect(poller.received(.failure(error)) == Step(events: [.finished(.length)], next: .finish))
    }

    @Test func endsNormallyWhenTheRoutineCheckMeetsAStorm() {
        var poller = Self.poller()
        _ = poller.received(Self.job("COMPLETED", Self.chunks))
        let busy = RunpodRequestError.status(code: 503, retryAfter: nil, body: "")
        for _ in 1...3 {
            let step = poller.received(.failure(busy))
            if case .send(Self.reconcile, _) = step.next {} else { Issue.record("the check is retried first: \(step)") }
        }
        #expect(poller.received(.failure(busy)) == Step(events: [.finished(.length)], next: .finish))
    }

    @Test func reportsNoReplacementWhenNothingWasLost() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
        _ = poller.received(.failure(.transport(TransportError(.interrupted, detail: "connection reset"))))
        _ = poller.received(Self.job("COMPLETED", Array(Self.chunks[1...])))
        #expect(
            poller.received(Self.status("COMPLETED", output: .array(Self.chunks)))
                == Step(events: [.finished(.length)], next: .finish))
    }

    @Test func repairsTheUsageAndFinishReasonALostChunkCarried() {
        var poller = Self.poller(watchdog: ReplyWatchdog())
        _ = poller.received(Self.job("IN_PROGRESS", Array(Self.chunks[0...2])))
        _ = poller.received(.failure(.status(code: 502, retryAfter: nil, body: "")))
        _ = poller.received(Self.job("COMPLETED"))
        let step = poller.received(Self.status("COMPLETED", output: .array(Self.chunks)))
        #expect(
            step.events == [
                .replaced(choice: 0, text: WorkerFixtures.legacyText),
                .usage(Usage(promptTokens: 4, completionTokens: 20)), .finished(.length),
            ])
    }

    @Test(arguments: [("CANCELLED", JSONValue?.none), ("CANCELLED", .array([])), ("IN_PROGRESS", .string("50%"))])
    func keepsTheStreamedTextWhenTheStatusHoldsNoFinalOutput(_ status: String, _ output: JSONValue?) {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
        _ = poller.received(.failure(Self.malformed))
        _ = poller.received(Self.job("CANCELLED"))
        #expect(poller.received(Self.status(status, output: output)) == Step(events: [.finished(.cancelled)], next: .finish))
    }

    /// Only a COMPLETED job is always checked; a cancelled one is checked only after a loss.
    @Test(arguments: [
        RunpodRequestError.status(code: 429, retryAfter: .seconds(1), body: ""),
        .transport(TransportError(.notSent, detail: "connection refused")),
    ])
    func checksNoCancelledJobAfterFailuresThatDrainedNothing(_ error: RunpodRequestError) {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
        _ = poller.received(.failure(error))
        #expect(poller.received(Self.job("CANCELLED", Array(Self.chunks[1...]))).next == .finish)
    }

    @Test func checksNothingWhenPollingTheStatusWhichDoesNotDrain() {
        var poller = Self.poller(.status)
        _ = poller.received(Self.status("IN_PROGRESS", output: nil))
        #expect(poller.received(.failure(Self.malformed)).next == .send(.poll(jobID: "j1"), after: .milliseconds(250)))
        #expect(poller.received(Self.status("COMPLETED", output: .array(Self.chunks))).next == .finish)
    }

    @Test func explainsWhenTheFinalOutputCannotBeRead() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
        _ = poller.received(.failure(Self.malformed))
        _ = poller.received(Self.job("COMPLETED"))
        let expired = poller.received(.failure(.status(code: 404, retryAfter: nil, body: "")))
        let message =
            "The job is gone (HTTP 404 while reading the output of job j1): the job expired or the endpoint id is wrong."
        #expect(expired == Step(next: .fail(CompletionFailure(message))))
    }

    // MARK: - Failed requests

    @Test func givesUpOnAStormLeavingTheJobRunningAndNamingIt() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let busy = RunpodRequestError.status(code: 503, retryAfter: nil, body: #"{"error":"Service Unavailable"}"#)
        let delays = (1...3).map { _ -> Duration? in
            if case .send(_, let delay) = poller.received(.failure(busy)).next { delay } else { nil }
        }
        #expect(delays == [.milliseconds(250), .milliseconds(500), .seconds(1)])
        let message =
            "Gave up after 4 failed requests in a row while polling job j1; the last: the endpoint answered HTTP 503: "
            + "Service Unavailable. The job may still be running on the endpoint; its id is j1."
        #expect(poller.received(.failure(busy)) == Step(next: .fail(CompletionFailure(message))))
    }

    @Test func doesNotResendARunWhoseAnswerCouldNotBeRead() {
        var poller = Self.poller()
        let step = poller.received(.failure(Self.malformed))
        guard case .fail(let failure) = step.next else {
            Issue.record("expected a failure, got \(step)")
            return
        }
        #expect(failure.message.hasPrefix("The endpoint's answer to /run could not be read"))
        #expect(failure.message.contains("It was not sent again"))
    }
}
