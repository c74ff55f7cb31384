import EndpointClient
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Synchronization
import Testing

/// Conformance: each fault a real endpoint produces, played by the loopback simulator over real
/// HTTP, and what the backend makes of it. The simulator and the backend share one manual
/// clock that moves only when the backend pauses, so minutes of queueing take no real time.
@Suite struct RunpodBackendFaultTests {
    static let key = "fault-secret-key"

    /// A simulator, the clock it shares with the backend, and every pause the backend took.
    struct Harness: Sendable {
        let server: SimulatorServer
        let clock: ManualSimulatorClock
        let backend: RunpodBackend
        let pauses: Pauses

        /// The reply to `text`, with its events and failure message.
        func reply(to text: String) async -> (events: [CompletionEvent], failure: String?) {
            await RunpodBackendTests.collect(backend.complete(RunpodBackendSimulatorTests.request(text)))
        }

        /// The requests the simulator received for `operation`, e.g. `run`, as `METHOD /path`.
        func requests(_ operation: String) -> [String] {
            RunpodBackendSimulatorTests.paths(server, operation)
        }

        /// Choice 0's whole text as the job's `/status` output holds it, decoded by the client.
        func serverText(_ jobID: String) async throws -> String {
            let output = try #require(try await backend.jobs.status(jobID: jobID).output)
            var decoder = WorkerOutputDecoder()
            return (decoder.decode(output) + decoder.finish()).map { item in
                if case .delta(0, let text) = item { text } else { "" }
            }.joined()
        }
    }

    /// The pauses the backend asked for, which move the shared clock instead of taking time.
    final class Pauses: Sendable {
        private let durations = Mutex<[Duration]>([])
        var all: [Duration] { durations.withLock { $0 } }
        func record(_ duration: Duration) { durations.withLock { $0.append(duration) } }
    }

    static func withSimulator(
        _ format: WorkerOutputFormat = .legacy,
        adjust: (inout RunpodOptions) -> Void = { _ in },
        _ body: (Harness) async throws -> Void
    ) async throws {
        let clock = ManualSimulatorClock()
        let simulator = SimulatorOptions(tokenDelay: .milliseconds(20), outputFormat: format, requiredAPIKey: key)
        let server = try await SimulatorServer.start(options: simulator, clock: clock)
        let pauses = Pauses()
        var options = RunpodOptions(random: { 1 })
        options.sleep = { duration in
            pauses.record(duration)
            clock.advance(by: duration)
        }
        options.now = { clock.now }
        options.requestTimeout = .seconds(10)
        adjust(&options)
        let endpoint = Endpoint(baseURL: server.endpointURL(id: "faults"), apiKey: environmentKey(key, variable: "SIM_KEY"), label: "simulator")
        let backend = RunpodBackend(endpoint: endpoint, apiKeyVariable: "SIM_KEY", options: options)
        let harness = Harness(server: server, clock: clock, backend: backend, pauses: pauses)
        try await server.stopAfter { try await body(harness) }
    }

    /// Choice 0's text as a reader ends up with it: deltas appended, replacements taking over.
    static func finalText(_ events: [CompletionEvent]) -> String {
        var text = ""
        for event in events {
            switch event {
            case .delta(0, let piece): text += piece
            case .replaced(0, let whole): text = whole
            default: break
            }
        }
        return text
    }

    static func jobID(_ events: [CompletionEvent]) throws -> String {
        guard case .queued(let jobID) = events.first else { throw CompletionFailure("no job id in \(events)") }
        return jobID
    }

    static func retries(_ events: [CompletionEvent]) -> [(reason: String, delay: Duration)] {
        events.compactMap { if case .retrying(let reason, let delay) = $0 { (reason, delay) } else { nil } }
    }

    static func isFinished(_ event: CompletionEvent?) -> Bool {
        if case .finished = event { true } else { false }
    }

    // MARK: - Time

    @Test func waitsThroughAColdStartOfMinutesPollingAtLeastOnceASecond() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Cold start [[sim:queue=180000]]")
            #expect(failure == nil)
            #expect(Self.isFinished(events.last))
            #expect(sim.pauses.all.allSatisfy { $0 <= .seconds(1) })
            #expect(sim.pauses.all.reduce(.zero, +) >= .seconds(180))
            #expect(sim.requests("run").count == 1)
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(Self.finalText(events) == whole)
        }
    }

    @Test func cancelsAJobThatOutstaysTheOptionalQueueTimeout() async throws {
        let queueLimit: (inout RunpodOptions) -> Void = { $0.queueTimeout = .seconds(60) }
        try await Self.withSimulator(adjust: queueLimit) { sim in
            let (events, failure) = await sim.reply(to: "Never served [[sim:queue=600000]]")
            let jobID = try Self.jobID(events)
            let message = try #require(failure)
            #expect(message.contains("the queue timeout"))
            await sim.backend.settle()
            #expect(sim.requests("cancel") == ["POST /v2/faults/cancel/\(jobID)"])
            let status = try await sim.backend.jobs.status(jobID: jobID).status
            #expect(status == .cancelled)
        }
    }

    @Test func cancelsAJobWhoseFirstTokenNeverComes() async throws {
        let firstTokenLimit: (inout RunpodOptions) -> Void = { $0.firstTokenTimeout = .seconds(30) }
        try await Self.withSimulator(adjust: firstTokenLimit) { sim in
            let (events, failure) = await sim.reply(to: "Stuck worker [[sim:slow=600000]]")
            let jobID = try Self.jobID(events)
            let message = try #require(failure)
            #expect(message.contains("sent no text within 30 s (the first-token timeout)"))
            #expect(message.contains(jobID))
            #expect(events.contains(.started))
            #expect(Self.finalText(events).isEmpty)
            await sim.backend.settle()
            let status = try await sim.backend.jobs.status(jobID: jobID).status
            #expect(status == .cancelled)
        }
    }

    @Test func cancelsAJobThatFallsSilentMidStreamKeepingItsText() async throws {
        let idleLimit: (inout RunpodOptions) -> Void = { $0.idleTimeout = .seconds(30) }
        try await Self.withSimulator(adjust: idleLimit) { sim in
            // The first token comes after a minute, the next a minute later: too long a pause.
            let (events, failure) = await sim.reply(to: "Falls silent [[sim:slow=60000]]")
            let message = try #require(failure)
            #expect(message.contains("No new text arrived for 30 s"))
            #expect(message.contains("The text received so far is kept."))
            #expect(!Self.finalText(events).isEmpty)
            await sim.backend.settle()
            let status = try await sim.backend.jobs.status(jobID: try Self.jobID(events)).status
            #expect(status == .cancelled)
        }
    }

    @Test func retriesAStalledPollOnTheSameJob() async throws {
        // The request timeout is real time: the simulator holds the answer on the shared clock,
        // which stands still while the backend waits, so the stalled poll only ever ends by the
        // timeout. Two seconds leaves the un-stalled /run room on a loaded machine.
        let requestLimit: (inout RunpodOptions) -> Void = { $0.requestTimeout = .seconds(2) }
        try await Self.withSimulator(adjust: requestLimit) { sim in
            let (events, failure) = await sim.reply(to: "Stalled [[sim:stall=5000]]")
            #expect(failure == nil)
            #expect(Self.retries(events).map(\.reason) == ["connection failed (timed out)"])
            #expect(sim.requests("run").count == 1)
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(Self.finalText(events) == whole)
        }
    }

    // MARK: - Lost and broken answers

    @Test func recoversTheChunksAResetConnectionTookWithIt() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Reset [[sim:reset]]")
            let jobID = try Self.jobID(events)
            let whole = try await sim.serverText(jobID)
            #expect(failure == nil)
            #expect(Self.retries(events).count == 1)
            #expect(events.contains(.replaced(choice: 0, text: whole)))
            #expect(Self.finalText(events) == whole)
            #expect(Self.isFinished(events.last))
            #expect(sim.requests("run").count == 1)
            #expect(sim.requests("stream").allSatisfy { $0 == "GET /v2/faults/stream/\(jobID)" })
        }
    }

    @Test func recoversTheChunksAMalformedAnswerTookWithIt() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Garbled [[sim:malformed]]")
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(failure == nil)
            #expect(Self.retries(events).map(\.reason) == ["the endpoint sent a malformed answer"])
            #expect(events.contains(.replaced(choice: 0, text: whole)))
            #expect(Self.finalText(events) == whole)
        }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func turnsInvalidUTF8IntoReplacementCharacters(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { sim in
            let (events, failure) = await sim.reply(to: "Broken bytes [[sim:badutf8]]")
            #expect(failure == nil)
            let text = Self.finalText(events)
            #expect(text.contains("\u{FFFD}"))
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(text == whole)
        }
    }

    @Test(arguments: WorkerOutputFormat.allCases)
    func takesATwoMegabyteChunk(_ format: WorkerOutputFormat) async throws {
        try await Self.withSimulator(format) { sim in
            let (events, failure) = await sim.reply(to: "Big [[sim:bigchunk]]")
            #expect(failure == nil)
            let text = Self.finalText(events)
            #expect(text.utf8.count > 2_000_000)
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(text == whole)
        }
    }

    // MARK: - HTTP errors

    @Test func explainsAJobThatExpiredMidReply() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Short-lived [[sim:expire]]")
            let jobID = try Self.jobID(events)
            let message = try #require(failure)
            #expect(message.contains("HTTP 404 while polling job \(jobID)"))
            #expect(message.hasSuffix("the job expired or the endpoint id is wrong."))
            #expect(!Self.isFinished(events.last))
        }
    }

    @Test func namesTheKeysVariableWhenAPollIsRefusedWith401() async throws {
        try await Self.withSimulator { sim in
            let (_, failure) = await sim.reply(to: "Revoked [[sim:http401]]")
            let message = try #require(failure)
            #expect(message.contains("rejected the API key (HTTP 401)"))
            #expect(message.contains("SIM_KEY"))
            #expect(!message.contains(Self.key))
        }
    }

    @Test func honoursRetryAfterThroughA429Storm() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Busy [[sim:http429x5]]")
            #expect(failure == nil)
            let retries = Self.retries(events)
            #expect(retries.count == 5)
            #expect(retries.allSatisfy { $0 == ("rate limited (HTTP 429)", .seconds(1)) })
            #expect(Self.isFinished(events.last))
            #expect(sim.requests("status").count == 1, "only the one check every completed stream gets")
        }
    }

    @Test func backsOffThroughServerErrorsOnTheSameJob() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Flaky [[sim:http500]][[sim:http502]][[sim:http503x2]]")
            #expect(failure == nil)
            let retries = Self.retries(events)
            #expect(retries.map(\.delay) == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2)])
            #expect(
                retries.map(\.reason) == [
                    "the endpoint answered HTTP 500: Internal Server Error (simulated by [[sim:http500]])",
                    "the endpoint answered HTTP 502: Bad Gateway (simulated by [[sim:http502]])",
                    "the endpoint answered HTTP 503: Service Unavailable (simulated by [[sim:http503]])",
                    "the endpoint answered HTTP 503: Service Unavailable (simulated by [[sim:http503]])",
                ])
            #expect(Self.isFinished(events.last))
            #expect(sim.requests("run").count == 1)
            let whole = try await sim.serverText(try Self.jobID(events))
            #expect(Self.finalText(events) == whole)
        }
    }

    @Test func givesUpOnAnEndlessStormLeavingTheJobRunning() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Down [[sim:http503x50]]")
            let jobID = try Self.jobID(events)
            let message = try #require(failure)
            #expect(message.hasPrefix("Gave up after 9 failed requests in a row while polling job \(jobID)"))
            #expect(message.hasSuffix("The job may still be running on the endpoint; its id is \(jobID)."))
            await sim.backend.settle()
            #expect(sim.requests("cancel").isEmpty)
        }
    }

    // MARK: - Submission

    @Test func doesNotResendARunWhoseAnswerWasCut() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Lost answer [[sim:runreset]]")
            // Only the inspector's record: one /run, whose answer never came.
            guard case .exchanges(let log) = events.first, events.count == 1 else {
                Issue.record("\(events)")
                return
            }
            #expect(log.requests.map(\.kind) == ["POST /run"] && log.lastAnswer?.hasPrefix("(no answer: connection failed") == true)
            let message = try #require(failure)
            #expect(message.contains("It was not sent again, because the endpoint may have queued it"))
            #expect(sim.requests("run").count == 1)
            let health = try await sim.backend.jobs.health()
            #expect(health.jobsInQueue + health.jobsInProgress + health.jobsCompleted == 1, "queued all the same")
        }
    }

    @Test func resendsARunRefusedWith429() async throws {
        try await Self.withSimulator { sim in
            let (events, failure) = await sim.reply(to: "Crowded [[sim:run429]]")
            #expect(failure == nil)
            #expect(Self.retries(events).map(\.delay) == [.seconds(1)])
            #expect(sim.requests("run").count == 2)
            #expect(Self.isFinished(events.last))
        }
    }

    // MARK: - Job endings

    @Test func finishesAJobCancelledElsewhereAsCancelledKeepingItsText() async throws {
        try await Self.withSimulator { sim in
            var events: [CompletionEvent] = []
            var cancelled = false
            let stream = sim.backend.complete(RunpodBackendSimulatorTests.request("Stop me [[sim:slow=1000]]"))
            for try await event in stream {
                events.append(event)
                if case .delta = event, !cancelled {
                    cancelled = true
                    _ = try await sim.backend.jobs.cancel(jobID: try Self.jobID(events))
                }
            }
            #expect(events.last == .finished(.cancelled))
            #expect(!Self.finalText(events).isEmpty)
        }
    }
}
