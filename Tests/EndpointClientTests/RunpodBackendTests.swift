import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatTestSupport
import Synchronization
import Testing

/// The backend end to end over a scripted transport: real requests, no network, no waiting.
@Suite struct RunpodBackendTests {
    static let secret = "rpa_SECRET_KEY_123"
    static let endpoint = Endpoint(baseURL: "http://runpod.test/v2/ep", apiKey: environmentKey(secret), label: "test")
    static let request = CompletionRequest(
        messages: [Message(role: .user, content: "Tell me about Runpod")],
        parameters: SamplingParameters(overrides: ["max_tokens": 20])
    )

    /// Records the pauses the backend asks for instead of taking them.
    final class Sleeps: Sendable {
        private let durations = Mutex<[Duration]>([])
        var all: [Duration] { durations.withLock { $0 } }
        func record(_ duration: Duration) { durations.withLock { $0.append(duration) } }
    }

    static func backend(_ transport: ScriptedTransport, sleeps: Sleeps = Sleeps(), apiKey: String? = secret)
        -> RunpodBackend
    {
        var endpoint = endpoint
        endpoint.apiKey = apiKey.map { environmentKey($0) }
        let options = RunpodOptions(sleep: { sleeps.record($0) }, random: { 1 })
        return RunpodBackend(
            endpoint: endpoint, apiKeyVariable: "RUNPOD_API_KEY", transport: transport, options: options)
    }

    /// Every event of `stream`, and the failure that ended it, if any.
    static func collect(_ stream: AsyncThrowingStream<CompletionEvent, any Error>) async
        -> (events: [CompletionEvent], failure: String?)
    {
        var events: [CompletionEvent] = []
        do {
            for try await event in stream { events.append(event) }
            return (events, nil)
        } catch {
            return (events, "\(error)")
        }
    }

    static func text(_ events: [CompletionEvent]) -> String {
        events.map { event in
            if case .delta(0, let text) = event { return text }
            return ""
        }.joined()
    }

    static func streamBody(_ status: String, _ chunks: [JSONValue] = []) -> String {
        let stream = JSONValue.array(chunks.map { .object(["output": $0]) })
        return #"{"id":"j1","status":"\#(status)","stream":\#(stream.encodedText)}"#
    }

    static func statusBody(_ status: String, _ output: [JSONValue]) -> String {
        JSONValue.object(["id": .string("j1"), "status": .string(status), "output": .array(output)]).encodedText
    }

    static let queued = ScriptedTransport.Exchange.ok("POST /run", #"{"id":"j1","status":"IN_QUEUE"}"#)
    static let chunks = WorkerFixtures.legacyChunks

    @Test func streamsAJobFromQueueToCompletionReadingEachChunkOnce() async throws {
        let transport = ScriptedTransport([
            Self.queued,
            .ok("GET /stream/j1", Self.streamBody("IN_QUEUE")),
            .ok("GET /stream/j1", Self.streamBody("IN_PROGRESS", [Self.chunks[0]])),
            .ok("GET /stream/j1", Self.streamBody("IN_PROGRESS", Array(Self.chunks[1...2]))),
            .ok("GET /stream/j1", Self.streamBody("IN_PROGRESS")),
            .ok("GET /stream/j1", Self.streamBody("COMPLETED", [Self.chunks[3]])),
            // Every completed stream is checked once against the aggregate output.
            .ok("GET /status/j1", Self.statusBody("COMPLETED", Self.chunks)),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        #expect(failure == nil)
        #expect(events.first == .queued(jobID: "j1"))
        #expect(events.filter { $0 == .started }.count == 1)
        #expect(Self.text(events) == WorkerFixtures.legacyText)
        #expect(events.last == .finished(.length))
        #expect(events.contains(.usage(Usage(promptTokens: 4, completionTokens: 20))))
        #expect(transport.mismatches.isEmpty)
        #expect(transport.unusedExchanges.isEmpty)
    }

    @Test func sendsTheEnvelopeWithBearerKeyAndJSONContentType() async throws {
        let transport = ScriptedTransport([Self.queued, .ok("GET /stream/j1", Self.streamBody("COMPLETED"))])
        _ = await Self.collect(Self.backend(transport).complete(Self.request))
        let run = try #require(transport.requests.first)
        #expect(run.headers["Authorization"] == ["Bearer \(Self.secret)"])
        #expect(run.headers["Content-Type"] == ["application/json"])
        let body = try JSONValue(parsing: try #require(run.body))
        #expect(body == WorkerInput(Self.request).envelope())
        #expect(transport.requests.last?.body == nil)
    }

    @Test func sendsNoAuthorizationHeaderWithoutAKey() async throws {
        let transport = ScriptedTransport([Self.queued, .ok("GET /stream/j1", Self.streamBody("COMPLETED"))])
        _ = await Self.collect(Self.backend(transport, apiKey: nil).complete(Self.request))
        #expect(transport.requests.allSatisfy { $0.headers["Authorization"].isEmpty })
    }

    @Test func endsOnCancelledWhereThePythonSDKPollsForever() async {
        let transport = ScriptedTransport([
            Self.queued,
            .ok("GET /stream/j1", Self.streamBody("IN_PROGRESS", [Self.chunks[0]])),
            .ok("GET /stream/j1", Self.streamBody("CANCELLED")),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        #expect(failure == nil)
        #expect(events.last == .finished(.cancelled))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func readsTheErrorFromStatusWhenFailedHasNoStreamKey() async {
        let error = #"{'error': {'message': 'prompt or messages is required', 'type': 'BadRequestError', 'code': 400}}"#
        let transport = ScriptedTransport([
            Self.queued,
            .ok("GET /stream/j1", #"{"id":"j1","status":"FAILED"}"#),
            .ok(
                "GET /status/j1",
                JSONValue.object(["id": .string("j1"), "status": .string("FAILED"), "error": .string(error)])
                    .encodedText),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        // Besides the inspector's record of the three requests, only the job id came.
        #expect(events.count == 2 && events.first == .queued(jobID: "j1"))
        guard case .exchanges(let log) = events.last else {
            Issue.record("no record of the requests: \(events)")
            return
        }
        #expect(log.requests.map(\.count) == [1, 1, 1] && log.lastRequest == "GET /status/j1")
        #expect(failure == "The job failed: prompt or messages is required")
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func keepsPollingThroughAnUnknownStatus() async {
        let transport = ScriptedTransport([
            Self.queued,
            .ok("GET /stream/j1", Self.streamBody("RUNNING", [Self.chunks[0]])),
            .ok("GET /stream/j1", Self.streamBody("COMPLETED")),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        #expect(failure == nil)
        #expect(Self.text(events) == "Runpod")
        #expect(transport.unusedExchanges.isEmpty)
    }

    @Test func recoversFromA500OnTheSameJobWithoutResubmitting() async {
        let sleeps = Sleeps()
        let transport = ScriptedTransport([
            Self.queued,
            .ok("GET /stream/j1", Self.streamBody("IN_PROGRESS", [Self.chunks[0]])),
            .status("GET /stream/j1", .internalServerError, "Internal Server Error"),
            .ok("GET /stream/j1", Self.streamBody("COMPLETED", Array(Self.chunks[1...]))),
            // The 500 may have come after the chunks were drained, so the text is checked.
            .ok("GET /status/j1", Self.statusBody("COMPLETED", Self.chunks)),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport, sleeps: sleeps).complete(Self.request))
        #expect(failure == nil)
        #expect(Self.text(events) == WorkerFixtures.legacyText)
        let retry = CompletionEvent.retrying(
            reason: "the endpoint answered HTTP 500: Internal Server Error", delay: .milliseconds(250))
        #expect(events.contains(retry))
        #expect(sleeps.all.contains(.milliseconds(250)))
        #expect(transport.requestLines.filter { $0 == "POST /run" }.count == 1)
        #expect(transport.unusedExchanges.isEmpty)
    }

    @Test func waitsAsLongAsRetryAfterSaysOnA429() async {
        let sleeps = Sleeps()
        let transport = ScriptedTransport([
            .status("POST /run", .tooManyRequests, headers: ["Retry-After": "2"]),
            Self.queued,
            .status("GET /stream/j1", .tooManyRequests, headers: ["Retry-After": "3"]),
            .ok("GET /stream/j1", Self.streamBody("COMPLETED", Self.chunks)),
            .ok("GET /status/j1", Self.statusBody("COMPLETED", Self.chunks)),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport, sleeps: sleeps).complete(Self.request))
        #expect(failure == nil)
        #expect(events.filter { if case .retrying = $0 { true } else { false } }.count == 2)
        #expect(sleeps.all.starts(with: [.seconds(2)]))
        #expect(sleeps.all.contains(.seconds(3)))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func explainsA401WithoutRevealingTheKey() async throws {
        let transport = ScriptedTransport([.status("POST /run", .unauthorized, "bad key \(Self.secret)")])
        let (_, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        let message = try #require(failure)
        #expect(message.contains("RUNPOD_API_KEY"))
        #expect(!message.contains(Self.secret))
        #expect(!"\(Self.backend(transport))".contains(Self.secret))
    }

    @Test func blacksOutAKeyThatTheServerEchoes() async throws {
        let transport = ScriptedTransport([.status("POST /run", .badRequest, "{\"detail\":\"Bearer \(Self.secret)\"}")])
        let (_, failure) = await Self.collect(Self.backend(transport).complete(Self.request))
        let message = try #require(failure)
        #expect(!message.contains(Self.secret))
        #expect(message.contains("[API key]"))
    }

    @Test func cancelsTheJobOnceWhenTheReaderStops() async throws {
        let transport = ScriptedTransport([
            Self.queued,
            ScriptedTransport.Exchange(request: "GET /stream/j1", reply: .hang),
            .ok("POST /cancel/j1", #"{"id":"j1","status":"CANCELLED"}"#),
        ])
        let backend = Self.backend(transport)
        let reader = Task { await Self.collect(backend.complete(Self.request)) }
        try await transport.waitForRequest { $0 == "GET /stream/j1" }
        reader.cancel()
        _ = await reader.value
        try await transport.waitForRequest { $0 == "POST /cancel/j1" }
        #expect(transport.requestLines == ["POST /run", "GET /stream/j1", "POST /cancel/j1"])
        #expect(transport.mismatches.isEmpty)
    }

    @Test func cancelsAJobThatWasCreatedWhileTheReaderStopped() async throws {
        let transport = ScriptedTransport([
            Self.queued,
            .ok("POST /cancel/j1", #"{"id":"j1","status":"CANCELLED"}"#),
        ])
        let backend = Self.backend(transport)
        let reader = Task {
            withUnsafeCurrentTask { $0?.cancel() }  // Stopped before /run has answered.
            return await Self.collect(backend.complete(Self.request))
        }
        _ = await reader.value
        try await transport.waitForRequest { $0 == "POST /cancel/j1" }
        #expect(transport.requestLines == ["POST /run", "POST /cancel/j1"])
    }

    @Test func continuesARunsyncThatOutlivesItsWaitWithStatusPolls() async {
        let transport = ScriptedTransport([
            .ok("POST /runsync?wait=2000", #"{"id":"sync-1","status":"IN_PROGRESS"}"#),
            .ok("GET /status/sync-1", #"{"id":"sync-1","status":"IN_PROGRESS"}"#),
            .ok(
                "GET /status/sync-1",
                JSONValue.object([
                    "id": .string("sync-1"), "status": .string("COMPLETED"), "output": .array(Self.chunks),
                ]).encodedText
            ),
        ])
        let stream = Self.backend(transport).runSync(Self.request, wait: .seconds(2))
        let (events, failure) = await Self.collect(stream)
        #expect(failure == nil)
        #expect(events.first == .queued(jobID: "sync-1"))
        #expect(Self.text(events) == WorkerFixtures.legacyText)
        #expect(events.last == .finished(.length))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }
}
