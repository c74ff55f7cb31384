import EndpointClient
import PodchatCore
import Testing

/// The protocol state machine on its own: responses in, events and the next request out.
@Suite struct RunpodJobPollerTests {
    typealias Step = RunpodJobPoller.Step

    static let failures = RunpodFailurePolicy(apiKeyVariable: "RUNPOD_API_KEY", keySource: .environment(variable: "RUNPOD_API_KEY"))
    static let schedule = PollSchedule(fastest: .milliseconds(100), slowest: .seconds(1), growth: 2)
    static let backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(8), multiplier: 2, maximumRetries: 3)

    static func poller(_ source: RunpodJobPoller.Source = .stream, limit: Int? = 20) -> RunpodJobPoller {
        RunpodJobPoller(
            source: source,
            completionTokenLimit: limit,
            schedule: schedule,
            backoff: backoff,
            maximumRetryAfter: .seconds(30),
            failures: failures,
            random: { 1 }
        )
    }

    static func job(_ status: String, _ chunks: [JSONValue] = [], error: JSONValue? = nil) -> Result<
        JobResponse, RunpodRequestError
    > {
        .success(JobResponse(id: "j1", status: JobStatus(status), streamOutputs: chunks, error: error))
    }

    static func deltas(_ range: Range<Int>) -> [CompletionEvent] {
        var events: [CompletionEvent] = []
        var decoder = WorkerOutputDecoder()
        for chunk in WorkerFixtures.legacyChunks[range] {
            for case .delta(let choice, let text) in decoder.decode(chunk) {
                events.append(.delta(choice: choice, text: text))
            }
        }
        return events
    }

    /// A `/status` answer with the job's aggregate `output`.
    static func status(_ status: String, output: JSONValue?) -> Result<JobResponse, RunpodRequestError> {
        .success(JobResponse(id: "j1", status: JobStatus(status), output: output))
    }

    static let poll = RunpodJobPoller.Operation.poll(jobID: "j1")
    static let reconcile = RunpodJobPoller.Operation.reconcile(jobID: "j1")
    static let chunks = WorkerFixtures.legacyChunks

    @Test func reportsEachChunkOnceThenChecksTheCompletedJobsOutputOnce() {
        var poller = Self.poller()
        #expect(poller.start() == Step(next: .send(.submit, after: .zero)))
        #expect(
            poller.received(Self.job("IN_QUEUE"))
                == Step(events: [.queued(jobID: "j1")], next: .send(Self.poll, after: .milliseconds(200))))
        #expect(poller.received(Self.job("IN_QUEUE")) == Step(next: .send(Self.poll, after: .milliseconds(400))))
        #expect(
            poller.received(Self.job("IN_PROGRESS"))
                == Step(events: [.started], next: .send(Self.poll, after: .milliseconds(800))))
        // The first chunk's shape (`choices[].tokens`) tells the legacy worker, before its text.
        #expect(
            poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]]))
                == Step(
                    events: [.generation(.legacy)] + Self.deltas(0..<1) + [.usage(Usage(promptTokens: 4, completionTokens: 1))],
                    next: .send(Self.poll, after: .milliseconds(100))
                )
        )
        #expect(poller.jobToCancel == "j1")
        #expect(
            poller.received(Self.job("IN_PROGRESS", Array(Self.chunks[1...2]))).events
                == [
                    Self.deltas(1..<2)[0], .usage(Usage(promptTokens: 4, completionTokens: 4)), Self.deltas(2..<3)[0],
                    .usage(Usage(promptTokens: 4, completionTokens: 13)),
                ]
        )
        // The last chunk comes with COMPLETED; no more polls, but one look at the aggregate output.
        #expect(
            poller.received(Self.job("COMPLETED", [Self.chunks[3]]))
                == Step(
                    events: Self.deltas(3..<4) + [.usage(Usage(promptTokens: 4, completionTokens: 20))],
                    next: .send(Self.reconcile, after: .zero)
                )
        )
        #expect(poller.jobToCancel == nil)
        // Nothing was missing; 20 tokens reached max_tokens 20, so the reply was cut off.
        #expect(
            poller.received(Self.status("COMPLETED", output: .array(Self.chunks)))
                == Step(events: [.finished(.length)], next: .finish))
    }

    @Test func reportsTheExecutionTimeOfTheLastAnswerThatCarriedItBeforeTheEnd() {
        var poller = Self.poller(limit: nil)
        _ = poller.received(Self.job("IN_QUEUE"))
        _ = poller.received(Self.job("COMPLETED", Self.chunks))
        var status = JobResponse(id: "j1", status: .completed, output: .array(Self.chunks), delay: .milliseconds(31618))
        status.execution = .milliseconds(1437)
        #expect(poller.received(.success(status)).events == [.executionTime(.milliseconds(1437)), .finished(.completed)])
    }

    @Test func startsOnTheFirstChunkWhenInProgressWasNeverSeen() {
        var poller = Self.poller(limit: nil)
        _ = poller.received(Self.job("IN_QUEUE"))
        let step = poller.received(Self.job("COMPLETED", Self.chunks))
        #expect(Array(step.events.prefix(2)) == [.generation(.legacy), .started])
        #expect(step.next == .send(Self.reconcile, after: .zero))
        #expect(poller.received(Self.status("COMPLETED", output: .array(Self.chunks))).events == [.finished(.completed)])
    }

    @Test(arguments: [("CANCELLED", FinishReason.cancelled), ("TIMED_OUT", .timedOut)])
    func finishesOnCancelledAndTimedOutKeepingTheirChunks(_ status: String, _ reason: FinishReason) {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS"))
        let step = poller.received(Self.job(status, [Self.chunks[0]]))
        // Nothing was lost on the way, and such a job's output is no better, so no check.
        #expect(
            step.events == [.generation(.legacy)] + Self.deltas(0..<1) + [
                .usage(Usage(promptTokens: 4, completionTokens: 1)), .finished(reason),
            ])
        #expect(step.next == .finish)
    }

    @Test func fetchesTheStatusWhenAFailedStreamResponseLacksTheError() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS"))
        #expect(poller.received(Self.job("FAILED")) == Step(next: .send(.fetchError(jobID: "j1"), after: .zero)))
        let error = "{'message': 'vLLM returned HTTP 400: bad', 'type': 'worker_error', 'code': None}"
        #expect(
            poller.received(Self.job("FAILED", error: .string(error)))
                == Step(next: .fail(CompletionFailure("The job failed: vLLM returned HTTP 400: bad", detail: error)))
        )
    }

    @Test func failsAtOnceWhenTheFailedResponseCarriesTheError() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let step = poller.received(Self.job("FAILED", [Self.chunks[0]], error: .string("CUDA out of memory")))
        #expect(step.events.contains(.started))
        #expect(step.next == .fail(CompletionFailure("The job failed: CUDA out of memory")))
    }

    @Test func failsWhenTheOutputHoldsAnError() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let error = WorkerFixtures.json(#"{"error":"Unexpected keyword argument 'use_beam_search'"}"#)
        let step = poller.received(Self.job("COMPLETED", [error]))
        #expect(
            step.next
                == .fail(
                    CompletionFailure("The worker reported an error: Unexpected keyword argument 'use_beam_search'")))
    }

    @Test func failsWhenTheOutputNamesAChoiceNoRequestCanHave() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let wild = WorkerFixtures.json(#"{"choices":[{"index":-3,"tokens":["boom"]}]}"#)
        let step = poller.received(Self.job("IN_PROGRESS", [wild]))
        #expect(
            step.next
                == .fail(CompletionFailure("The worker's output could not be used: it names choice -3, but podchat asks for at most 16 choices.")))
    }

    @Test func joinsABurstOfDeltasForOneChoiceIntoOneEvent() {
        var poller = Self.poller(limit: nil)
        _ = poller.received(Self.job("IN_PROGRESS"))
        let sse = WorkerFixtures.proxyChatSSE
        let middle = sse.index(sse.startIndex, offsetBy: sse.count / 2)
        let step = poller.received(
            Self.job("COMPLETED", [.string(String(sse[..<middle])), .string(String(sse[middle...]))]))
        #expect(
            step.events == [
                .generation(.proxy), .delta(choice: 0, text: WorkerFixtures.proxyChatText),
                .usage(Usage(promptTokens: 5, completionTokens: 4)),
            ]
        )
    }

    @Test func joinsABurstOfThinkingAndOfLogprobsLikeText() {
        var poller = Self.poller(limit: nil)
        _ = poller.received(Self.job("IN_PROGRESS"))
        let thinking = poller.received(Self.job("IN_PROGRESS", [.string(WorkerFixtures.reasoningChatSSE())]))
        #expect(
            thinking.events == [
                .generation(.proxy), .reasoning(choice: 0, text: WorkerFixtures.reasoningText),
                .delta(choice: 0, text: "Forty-two."), .usage(Usage(promptTokens: 9, completionTokens: 7)),
            ])
        var other = Self.poller(limit: nil)
        _ = other.received(Self.job("IN_PROGRESS"))
        let scored = other.received(Self.job("IN_PROGRESS", [.string(WorkerFixtures.logprobsChatSSE)]))
        #expect(
            scored.events == [
                .generation(.proxy), .delta(choice: 0, text: "Hi there"), .logprobs(choice: 0, WorkerFixtures.logprobsChatTokens),
            ])
    }

    @Test func keepsDeltasOfDifferentChoicesApart() {
        var poller = Self.poller(limit: nil)
        _ = poller.received(Self.job("IN_PROGRESS"))
        let step = poller.received(Self.job("COMPLETED", [.string(WorkerFixtures.proxyTextSSE)]))
        #expect(
            step.events == [
                .generation(.proxy), .delta(choice: 0, text: "Runpod"), .delta(choice: 1, text: "generated"),
                .delta(choice: 0, text: " serverless"), .delta(choice: 1, text: " text"),
            ]
        )
    }

    @Test(arguments: ["RUNNING", "PAUSED", ""])
    func keepsPollingOnStatusesItDoesNotKnow(_ status: String) {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        #expect(poller.received(Self.job(status, [Self.chunks[0]])).next == .send(Self.poll, after: .milliseconds(100)))
    }

    // MARK: - Failed requests

    @Test func retriesAFailedPollOnTheSameJobThenContinues() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_PROGRESS"))
        let failure = RunpodRequestError.status(code: 500, retryAfter: nil, body: "Internal Server Error")
        #expect(
            poller.received(.failure(failure))
                == Step(
                    events: [
                        .retrying(
                            reason: "the endpoint answered HTTP 500: Internal Server Error", delay: .milliseconds(250))
                    ],
                    next: .send(Self.poll, after: .milliseconds(250))
                )
        )
        #expect(
            poller.received(.failure(.transport(TransportError(.interrupted, detail: "reset")))).next
                == .send(Self.poll, after: .milliseconds(500)))
        #expect(
            poller.received(Self.job("IN_PROGRESS", [Self.chunks[0]])).events == [.generation(.legacy)] + Self.deltas(0..<1) + [
                .usage(Usage(promptTokens: 4, completionTokens: 1))
            ])
        // Success resets the count: the next failure waits the initial delay again.
        #expect(poller.received(.failure(failure)).next == .send(Self.poll, after: .milliseconds(250)))
    }

    @Test func honoursRetryAfterUpToItsCap() {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let limited = RunpodRequestError.status(code: 429, retryAfter: .seconds(2), body: "")
        #expect(
            poller.received(.failure(limited))
                == Step(
                    events: [.retrying(reason: "rate limited (HTTP 429)", delay: .seconds(2))],
                    next: .send(Self.poll, after: .seconds(2))))
        let tooLong = RunpodRequestError.status(code: 429, retryAfter: .seconds(3600), body: "")
        #expect(poller.received(.failure(tooLong)).next == .send(Self.poll, after: .seconds(30)))
    }

    @Test func givesUpAfterTooManyConsecutiveFailures() throws {
        var poller = Self.poller()
        _ = poller.received(Self.job("IN_QUEUE"))
        let failure = RunpodRequestError.status(code: 503, retryAfter: nil, body: "")
        for _ in 1...3 { _ = poller.received(.failure(failure)) }
        let step = poller.received(.failure(failure))
        guard case .fail(let message) = step.next else { Issue.record("expected a failure, got \(step)"); return }
        #expect(
            message.message
                == "Gave up after 4 failed requests in a row while polling job j1; "
                + "the last: the endpoint answered HTTP 503. The job may still be running on the endpoint; its id is j1."
        )
        #expect(poller.jobToCancel == nil)
    }

    /// A 429 without `Retry-After` waits at least a second: Runpod counts over 10 s windows.
    @Test(arguments: [
        (RunpodRequestError.status(code: 429, retryAfter: nil, body: ""), Duration?.some(.seconds(1))),
        (.transport(TransportError(.notSent, detail: "connection refused")), .milliseconds(250)),
        (.transport(TransportError(.interrupted, detail: "reset")), nil),
        (.status(code: 500, retryAfter: nil, body: ""), nil),
        (.status(code: 502, retryAfter: nil, body: ""), nil),
        (.malformedResponse("{\"id\":\"j"), nil),
    ])
    func resubmitsOnlyWhenNoJobCanHaveBeenCreated(_ error: RunpodRequestError, _ resubmitsAfter: Duration?) {
        var poller = Self.poller()
        let step = poller.received(.failure(error))
        if let resubmitsAfter {
            #expect(step.next == .send(.submit, after: resubmitsAfter))
        } else {
            guard case .fail(let failure) = step.next else { Issue.record("expected a failure, got \(step)"); return }
            #expect(failure.message.contains("It was not sent again"))
        }
    }

    @Test(arguments: [
        (
            RunpodJobPoller.Operation.submit,
            "The endpoint was not found (HTTP 404 on /run): check the endpoint id or URL."
        ),
        (
            .poll(jobID: "j1"),
            "The job is gone (HTTP 404 while polling job j1): the job expired or the endpoint id is wrong."
        ),
    ])
    func explainsA404ByWhatWasAsked(_ operation: RunpodJobPoller.Operation, _ message: String) {
        var poller = Self.poller()
        if operation != .submit { _ = poller.received(Self.job("IN_QUEUE")) }
        #expect(
            poller.received(.failure(.status(code: 404, retryAfter: nil, body: ""))).next
                == .fail(CompletionFailure(message)))
    }

    @Test func namesTheKeysVariableWhenTheKeyIsRejected() {
        var poller = Self.poller()
        let step = poller.received(.failure(.status(code: 401, retryAfter: nil, body: "")))
        let expected =
            "The endpoint rejected the API key (HTTP 401). podchat reads it from the environment variable "
            + "RUNPOD_API_KEY; check that it holds a valid Runpod API key with access to this endpoint."
        #expect(step.next == .fail(CompletionFailure(expected)))
        let keyless = RunpodFailurePolicy(apiKeyVariable: "MY_KEY", keySource: nil)
        guard
            case .fail(let message) = keyless.verdict(
                on: .status(code: 401, retryAfter: nil, body: ""), operation: .submit, source: .stream)
        else {
            Issue.record("a 401 must not be retried")
            return
        }
        #expect(
            message
                == "The endpoint requires an API key (HTTP 401). "
                + "Set the environment variable MY_KEY to your Runpod API key."
        )
    }

    // MARK: - Status source (/runsync)

    @Test func decodesARunsyncAnswerThatIsAlreadyComplete() {
        var poller = Self.poller(.status, limit: nil)
        let answer = JobResponse(id: "sync-1", status: .completed, output: .array([WorkerFixtures.chatCompletion]))
        #expect(
            poller.received(.success(answer))
                == Step(
                    events: [
                        .queued(jobID: "sync-1"), .generation(.proxy), .started,
                        .delta(choice: 0, text: "Runpod serverless returns generated"),
                        .usage(Usage(promptTokens: 5, completionTokens: 4)), .finished(.length),
                    ],
                    next: .finish
                )
        )
    }

    @Test func pollsTheStatusOfTheSameJobWhenRunsyncReturnsEarly() {
        var poller = Self.poller(.status, limit: nil)
        let running = JobResponse(id: "sync-1", status: .inProgress, output: .string("progress, not output"))
        #expect(
            poller.received(.success(running))
                == Step(
                    events: [.queued(jobID: "sync-1"), .started],
                    next: .send(.poll(jobID: "sync-1"), after: .milliseconds(200))))
        let done = JobResponse(id: "sync-1", status: .completed, output: .array(WorkerFixtures.legacyChunks))
        let step = poller.received(.success(done))
        #expect(Array(step.events.prefix(2)) == [.generation(.legacy), .delta(choice: 0, text: "Runpod")])
        #expect(step.next == .finish, "the status is the whole output already: nothing to check")
    }
}
