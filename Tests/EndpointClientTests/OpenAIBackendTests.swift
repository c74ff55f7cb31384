import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatTestSupport
import Testing

/// The OpenAI-compatible backend over a scripted transport: real requests and SSE bytes, no
/// network, no waiting.
@Suite struct OpenAIBackendTests {
    static let secret = "sk-SECRET-KEY-456"
    static let base = "http://vllm.test/v1"
    static let request = CompletionRequest(
        messages: [Message(role: .user, content: "Tell me about Runpod")],
        parameters: SamplingParameters(overrides: ["max_tokens": 20, "temperature": 0.5])
    )

    static func backend(
        _ transport: ScriptedTransport,
        model: String? = "m",
        apiKey: String? = secret,
        sleeps: RunpodBackendTests.Sleeps = RunpodBackendTests.Sleeps()
    ) -> OpenAIBackend {
        let options = RunpodOptions(sleep: { sleeps.record($0) }, random: { 1 })
        return OpenAIBackend(
            baseURL: base, apiKey: apiKey.map { environmentKey($0, variable: "VLLM_KEY") }, apiKeyVariable: "VLLM_KEY", model: model,
            transport: transport, options: options)
    }

    static func transport(_ script: [ScriptedTransport.Exchange]) -> ScriptedTransport {
        ScriptedTransport(baseURL: base, script)
    }

    static func collect(_ backend: OpenAIBackend, _ request: CompletionRequest = request) async
        -> (events: [CompletionEvent], failure: String?)
    {
        await RunpodBackendTests.collect(backend.complete(request))
    }

    static let chatBytes = Array(WorkerFixtures.proxyChatSSE.utf8)
    static let chatEvents: [CompletionEvent] = [
        .started, .delta(choice: 0, text: "Runpod"), .delta(choice: 0, text: " serverless 中文"),
        .delta(choice: 0, text: " returns 😀"), .usage(Usage(promptTokens: 5, completionTokens: 4)), .finished(.length),
    ]

    @Test(arguments: [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1"),
        ("http://127.0.0.1:8000/v1/", "http://127.0.0.1:8000/v1"),
        ("http://localhost:11434/v1/chat/completions", "http://localhost:11434/v1"),
        ("http://host/v1/completions", "http://host/v1"),
        ("https://api.runpod.ai/v2/abc123/openai/v1", "https://api.runpod.ai/v2/abc123/openai/v1"),
        ("https://api.runpod.ai/v2/abc123/openai", "https://api.runpod.ai/v2/abc123/openai/v1"),
        ("https://api.runpod.ai/v2/abc123", "https://api.runpod.ai/v2/abc123/openai/v1"),
        ("http://127.0.0.1:9000/v2/demo/openai/v1/chat/completions", "http://127.0.0.1:9000/v2/demo/openai/v1"),
    ])
    func normalisesTheBaseURL(_ given: String, _ expected: String) {
        #expect(OpenAIBaseURL.normalized(given) == expected)
    }

    @Test func postsAStreamedChatWithUsageAndTopLevelSamplingParameters() async throws {
        let transport = Self.transport([.stream("POST /chat/completions", [Self.chatBytes])])
        let (events, failure) = await Self.collect(Self.backend(transport))
        #expect(failure == nil)
        #expect(events == Self.chatEvents)
        let sent = try #require(transport.requests.first)
        #expect(sent.headers["Authorization"] == ["Bearer \(Self.secret)"])
        #expect(sent.headers["Accept"] == ["text/event-stream"])
        let body = try JSONValue(parsing: try #require(sent.body))
        let expected =
            #"{"max_tokens":20,"messages":[{"content":"Tell me about Runpod","role":"user"}],"model":"m","#
            + #""stream":true,"stream_options":{"include_usage":true},"temperature":0.5}"#
        #expect(body.encodedText == expected)
    }

    @Test func givesTheSameEventsWhereverTheNetworkSplitsTheBytes() async {
        let splits =
            (1..<Self.chatBytes.count).map { [Array(Self.chatBytes[..<$0]), Array(Self.chatBytes[$0...])] }
            + [Self.chatBytes.map { [$0] }]
        await withTaskGroup { group in
            for pieces in splits {
                group.addTask {
                    let transport = Self.transport([.stream("POST /chat/completions", pieces)])
                    let (events, failure) = await Self.collect(Self.backend(transport))
                    #expect(failure == nil)
                    #expect(events == Self.chatEvents, "split into \(pieces.map(\.count))")
                }
            }
        }
    }

    @Test func streamsThinkingApartFromTheAnswerWhereverTheBytesSplit() async {
        let bytes = Array(WorkerFixtures.reasoningChatSSE().utf8)
        let expected: [CompletionEvent] = [
            .started, .reasoning(choice: 0, text: "Let me think"), .reasoning(choice: 0, text: " about «it»."),
            .delta(choice: 0, text: "Forty-two."), .usage(Usage(promptTokens: 9, completionTokens: 7)), .finished(.completed),
        ]
        let splits =
            stride(from: 1, to: bytes.count, by: 7).map { [Array(bytes[..<$0]), Array(bytes[$0...])] }
            + [bytes.map { [$0] }]
        for pieces in splits {
            let transport = Self.transport([.stream("POST /chat/completions", pieces)])
            let (events, failure) = await Self.collect(Self.backend(transport))
            #expect(failure == nil)
            #expect(events == expected, "split into \(pieces.map(\.count))")
        }
    }

    @Test func streamsLogprobsAfterTheirTokensWhereverTheBytesSplit() async throws {
        let bytes = Array(WorkerFixtures.logprobsChatSSE.utf8)
        let tokens = WorkerFixtures.logprobsChatTokens
        let expected: [CompletionEvent] = [
            .started, .delta(choice: 0, text: "Hi"), .logprobs(choice: 0, [tokens[0]]),
            .delta(choice: 0, text: " there"), .logprobs(choice: 0, [tokens[1]]), .finished(.completed),
        ]
        for pieces in [[bytes], bytes.map { [$0] }] {
            let transport = Self.transport([.stream("POST /chat/completions", pieces)])
            var request = Self.request
            request.parameters = SamplingParameters(overrides: ["logprobs": 1])
            let (events, failure) = await Self.collect(Self.backend(transport), request)
            #expect(failure == nil)
            #expect(events == expected)
            let body = try JSONValue(parsing: try #require(transport.requests.first?.body))
            #expect(body["logprobs"] == .bool(true) && body["top_logprobs"] == .number(1))
        }
    }

    @Test func postsPromptModeToCompletionsAndKeepsChoicesApart() async throws {
        let transport = Self.transport([.stream("POST /completions", [Array(WorkerFixtures.proxyTextSSE.utf8)])])
        var request = Self.request
        request.mode = .prompt
        let (events, failure) = await Self.collect(Self.backend(transport), request)
        #expect(failure == nil)
        #expect(
            events.filter { if case .delta(1, _) = $0 { true } else { false } } == [
                .delta(choice: 1, text: "generated"), .delta(choice: 1, text: " text"),
            ])
        #expect(RunpodBackendTests.text(events) == "Runpod serverless")
        #expect(events.last == .finished(.completed))
        let body = try JSONValue(parsing: try #require(transport.requests.first?.body))
        #expect(body["prompt"] == .string("Tell me about Runpod"))
        #expect(body["messages"] == nil)
    }

    @Test func readsAWholeReplyWhenNotStreaming() async throws {
        let transport = Self.transport([.ok("POST /chat/completions", WorkerFixtures.chatCompletion.encodedText)])
        var request = Self.request
        request.stream = false
        let (events, failure) = await Self.collect(Self.backend(transport), request)
        #expect(failure == nil)
        #expect(RunpodBackendTests.text(events) == "Runpod serverless returns generated")
        #expect(events.last == .finished(.length))
        let sent = try #require(transport.requests.first)
        #expect(sent.headers["Accept"] == ["application/json"])
        #expect(try JSONValue(parsing: try #require(sent.body))["stream_options"] == nil)
    }

    /// A 429 and a request that never connected created nothing, so they are sent again; a 429
    /// without `Retry-After` waits at least a second (the backoff alone would say 250 ms).
    @Test func retriesA429AndAnUnsentRequestBeforeTheFirstToken() async {
        let sleeps = RunpodBackendTests.Sleeps()
        let transport = Self.transport([
            .status("POST /chat/completions", .tooManyRequests, headers: ["Retry-After": "2"]),
            .status("POST /chat/completions", .tooManyRequests),
            ScriptedTransport.Exchange(
                request: "POST /chat/completions", reply: .fail(TransportError(.notSent, detail: "connection refused"))),
            .stream("POST /chat/completions", [Self.chatBytes]),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport, sleeps: sleeps))
        #expect(failure == nil)
        #expect(
            events.prefix(3) == [
                .retrying(reason: "rate limited (HTTP 429)", delay: .seconds(2)),
                .retrying(reason: "rate limited (HTTP 429)", delay: .seconds(1)),
                .retrying(reason: "could not connect (connection refused)", delay: .seconds(1)),
            ])
        #expect(Array(events.dropFirst(3)) == Self.chatEvents)
        #expect(sleeps.all == [.seconds(2), .seconds(1), .seconds(1)])
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    /// On Runpod's OpenAI route every POST is a queued, billed job; one that may have reached
    /// the server is never sent twice.
    @Test(arguments: [
        ScriptedTransport.Reply.respond(.serviceUnavailable, body: #"{"error":{"message":"no workers"}}"#),
        .respond(.badGateway, body: ""),
        .respond(.requestTimeout, body: ""),
        .fail(TransportError(.interrupted, detail: "connection reset")),
        .stream(.ok, pieces: [], end: .fail(TransportError(.interrupted, detail: "connection reset"))),
    ])
    func sendsACompletionOnlyOnceWhenItMayHaveReachedTheServer(_ reply: ScriptedTransport.Reply) async throws {
        let sleeps = RunpodBackendTests.Sleeps()
        let transport = Self.transport([
            ScriptedTransport.Exchange(request: "POST /chat/completions", reply: reply),
            .stream("POST /chat/completions", [Self.chatBytes]),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport, sleeps: sleeps))
        #expect(events.isEmpty)
        let message = try #require(failure)
        #expect(message.contains("may have run it anyway"), "\(message)")
        #expect(message.hasSuffix("so podchat did not send it again; r regenerates the reply."))
        #expect(transport.requestLines == ["POST /chat/completions"])
        #expect(sleeps.all.isEmpty)
    }

    @Test func saysWhatTheServerAnsweredWhenItMayHaveRunTheRequest() async throws {
        let transport = Self.transport([
            .status("POST /chat/completions", .serviceUnavailable, #"{"error":{"message":"no workers"}}"#)
        ])
        let (_, failure) = await Self.collect(Self.backend(transport))
        #expect(try #require(failure).hasPrefix("The request reached the server, which answered HTTP 503: no workers. "))
    }

    @Test func stillRetriesAModelListThatMetAServerError() async throws {
        let transport = Self.transport([
            .status("GET /models", .serviceUnavailable),
            .ok("GET /models", #"{"data":[{"id":"org/served"}]}"#),
            .stream("POST /chat/completions", [Self.chatBytes]),
        ])
        let (events, failure) = await Self.collect(Self.backend(transport, model: nil))
        #expect(failure == nil)
        #expect(events.first == .retrying(reason: "the server answered HTTP 503", delay: .milliseconds(250)))
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func keepsTheTextWhenTheConnectionBreaksMidReply() async throws {
        let firstTwoEvents = Array(
            (WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"role":"assistant","content":""}"#, finish: nil))
                + WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"content":"Runpod"}"#, finish: nil))).utf8)
        let transport = Self.transport([
            .stream("POST /chat/completions", [firstTwoEvents], end: .fail(TransportError(.interrupted, detail: "reset")))
        ])
        let (events, failure) = await Self.collect(Self.backend(transport))
        #expect(events == [.started, .delta(choice: 0, text: "Runpod")])
        let message = try #require(failure)
        #expect(message.contains("middle of the reply") && message.contains("reset"))
        #expect(transport.requestLines.count == 1, "a reply that has text is never sent again")
    }

    @Test func failsWithTheErrorTheServerSendsInsideTheStream() async {
        let pieces = [
            Array(
                (WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"content":"Hi"}"#, finish: nil))
                    + WorkerFixtures.sse(#"{"error":{"message":"engine died","code":500}}"#)).utf8)
        ]
        let transport = Self.transport([.stream("POST /chat/completions", pieces)])
        let (events, failure) = await Self.collect(Self.backend(transport))
        #expect(events == [.started, .delta(choice: 0, text: "Hi")])
        #expect(failure == "The server reported an error: engine died")
    }

    @Test func failsWhenTheStreamNamesAChoiceNoRequestCanHave() async {
        let pieces = [Array(WorkerFixtures.sse(#"{"choices":[{"index":4000000000,"delta":{"content":"Hi"}}]}"#).utf8)]
        let transport = Self.transport([.stream("POST /chat/completions", pieces)])
        let (events, failure) = await Self.collect(Self.backend(transport))
        #expect(events.isEmpty)
        #expect(failure == "The server's answer could not be used: it names choice 4000000000, but podchat asks for at most 16 choices.")
    }

    @Test func failsWhenTheStreamEndsBeforeTheReplyIsComplete() async throws {
        let piece = Array(WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"content":"Hi"}"#, finish: nil)).utf8)
        let transport = Self.transport([.stream("POST /chat/completions", [piece])])
        let (events, failure) = await Self.collect(Self.backend(transport))
        #expect(RunpodBackendTests.text(events) == "Hi")
        #expect(try #require(failure).contains("before the reply was complete"))
    }

    @Test(arguments: [
        (
            HTTPResponseStatus.notFound, #"{"error":{"message":"The model `x` does not exist.","type":"NotFoundError","param":"model","code":404}}"#,
            "The model `x` does not exist."
        ),
        (
            .badRequest, #"{"object":"error","message":"max_tokens is too large","type":"BadRequestError","code":400}"#,
            "max_tokens is too large"
        ),
        (.notFound, #"{"detail":"Not Found"}"#, "Not Found"),
    ])
    func quotesTheServersErrorMessage(_ status: HTTPResponseStatus, _ body: String, _ message: String) async throws {
        let transport = Self.transport([.status("POST /chat/completions", status, body)])
        let (_, failure) = await Self.collect(Self.backend(transport))
        let expected = "The server rejected the request to \(Self.base)/chat/completions (HTTP \(status.code)): \(message)"
        #expect(failure == expected)
    }

    @Test func explainsA401WithoutRevealingTheKey() async throws {
        let transport = Self.transport([.status("POST /chat/completions", .unauthorized, "bad key \(Self.secret)")])
        let backend = Self.backend(transport)
        let (_, failure) = await Self.collect(backend)
        let message = try #require(failure)
        #expect(message.contains("rejected the API key") && message.contains("VLLM_KEY"))
        #expect(!message.contains(Self.secret))
        #expect(!"\(backend)".contains(Self.secret))
    }

    @Test func blacksOutAKeyThatTheServerEchoes() async throws {
        let transport = Self.transport([.status("POST /chat/completions", .badRequest, "{\"detail\":\"Bearer \(Self.secret)\"}")])
        let (_, failure) = await Self.collect(Self.backend(transport))
        let message = try #require(failure)
        #expect(!message.contains(Self.secret) && message.contains("[API key]"))
    }

    @Test func asksForTheModelOnceWhenNoneIsConfigured() async throws {
        let models = #"{"object":"list","data":[{"id":"org/served","object":"model"},{"id":"org/lora"}]}"#
        let transport = Self.transport([
            .ok("GET /models", models),
            .stream("POST /chat/completions", [Self.chatBytes]),
            .stream("POST /chat/completions", [Self.chatBytes]),
        ])
        let backend = Self.backend(transport, model: nil)
        _ = await Self.collect(backend)
        _ = await Self.collect(backend)
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
        let bodies = try transport.requests.compactMap(\.body).map { try JSONValue(parsing: $0) }
        #expect(bodies.map { $0["model"] } == [.string("org/served"), .string("org/served")])
    }

    @Test func listsTheModelsOrSaysWhyNot() async throws {
        let listed = Self.transport([.ok("GET /models", #"{"data":[{"id":"a"},{"id":"b"}]}"#)])
        #expect(try await Self.backend(listed).models() == ["a", "b"])
        let refused = Self.transport([.status("GET /models", .unauthorized)])
        await #expect(throws: CompletionFailure.self) { try await Self.backend(refused).models() }
    }

    @Test func closesTheConnectionWhenTheReaderStops() async throws {
        let first = Array(WorkerFixtures.sse(WorkerFixtures.chatChunk(#"{"content":"Hi"}"#, finish: nil)).utf8)
        let transport = Self.transport([.stream("POST /chat/completions", [first], end: .hang)])
        let backend = Self.backend(transport)
        let reader = Task {
            var events: [CompletionEvent] = []
            // Stops reading at the first text, as a person pressing Esc would.
            for try await event in backend.complete(Self.request) {
                events.append(event)
                if case .delta = event { withUnsafeCurrentTask { $0?.cancel() } }
            }
            return events
        }
        #expect((try? await reader.value) ?? [] == [.started, .delta(choice: 0, text: "Hi")])
        try await RunpodBackendSimulatorTests.waitUntil { transport.closedStreams == 1 }
        #expect(transport.closedStreams == 1)
    }
}
