import EndpointClient
import NIOHTTP1
import PodchatCore
import Testing

/// Server errors reach the reader as a short message, the whole server text as the detail,
/// and a context overflow's numbers, through both backends.
@Suite struct CompletionFailureDetailTests {
    static let overflowText =
        "'max_tokens' or 'max_completion_tokens' is too large: 4096. This model's maximum context length is 8192 tokens "
        + "and your request has 6000 input tokens (4096 > 8192 - 6000)."
    static let overflow = ContextOverflow(contextLength: 8192, promptTokens: 6000, requestedCompletionTokens: 4096)
    static let vLLMBody = #"{"error":{"message":"\#(overflowText)","type":"BadRequestError","param":null,"code":400}}"#
    /// The proxy worker's FAILED job error for that body: a Python `str()` of its error dict.
    static let jobError =
        "{'message': 'vLLM returned HTTP 400: " + vLLMBody.replacing("'", with: "\\'") + "', 'type': 'worker_error', 'code': None}"

    /// The failure that ended `stream`, if it ended in one.
    static func failure(of stream: AsyncThrowingStream<CompletionEvent, any Error>) async -> CompletionFailure? {
        do {
            for try await _ in stream {}
            return nil
        } catch {
            return error as? CompletionFailure
        }
    }

    @Test func aFailedJobCarriesTheOverflowAndTheWholeError() async throws {
        let failed = JSONValue.object(["id": "j1", "status": "FAILED", "error": .string(Self.jobError)]).encodedText
        let transport = ScriptedTransport([RunpodBackendTests.queued, .ok("GET /stream/j1", failed)])
        let failure = try #require(await Self.failure(of: RunpodBackendTests.backend(transport).complete(RunpodBackendTests.request)))
        #expect(failure.message.hasPrefix("The job failed: The reply does not fit in the model's context"))
        #expect(failure.message.contains("Lower max_tokens to 2192 or less"))
        #expect(failure.detail == Self.jobError)
        #expect(failure.contextOverflow == Self.overflow)
    }

    @Test func anErrorYieldedIntoACompletedOutputReadsTheSame() async throws {
        let yielded = JSONValue.object([
            "error": .object([
                "message": .string("vLLM returned HTTP 400: " + Self.vLLMBody), "type": "worker_error", "code": .null,
            ])
        ])
        let transport = ScriptedTransport([
            RunpodBackendTests.queued, .ok("GET /stream/j1", RunpodBackendTests.streamBody("COMPLETED", [yielded])),
        ])
        let failure = try #require(await Self.failure(of: RunpodBackendTests.backend(transport).complete(RunpodBackendTests.request)))
        #expect(failure.message.hasPrefix("The worker reported an error: The reply does not fit"))
        #expect(failure.contextOverflow == Self.overflow)
        #expect(failure.detail?.contains("is too large: 4096") == true)
    }

    @Test func aTracebackShowsItsFirstLineAndKeepsTheRest() async throws {
        let traceback = "handler: Engine core died \ntraceback: Traceback (most recent call last):\n  File \"x.py\"\nEngineDeadError"
        let failed = JSONValue.object(["id": "j1", "status": "FAILED", "error": .string(traceback)]).encodedText
        let transport = ScriptedTransport([RunpodBackendTests.queued, .ok("GET /stream/j1", failed)])
        let failure = try #require(await Self.failure(of: RunpodBackendTests.backend(transport).complete(RunpodBackendTests.request)))
        #expect(failure.message == "The job failed: Engine core died")
        #expect(failure.detail == traceback)
        #expect(failure.contextOverflow == nil)
    }

    @Test func theKeyIsBlackedOutOfTheDetailToo() async throws {
        let echoed = "handler: bad auth Bearer \(RunpodBackendTests.secret) \ntraceback: Traceback …"
        let failed = JSONValue.object(["id": "j1", "status": "FAILED", "error": .string(echoed)]).encodedText
        let transport = ScriptedTransport([RunpodBackendTests.queued, .ok("GET /stream/j1", failed)])
        let failure = try #require(await Self.failure(of: RunpodBackendTests.backend(transport).complete(RunpodBackendTests.request)))
        #expect(!(failure.detail ?? "").contains(RunpodBackendTests.secret) && !failure.message.contains(RunpodBackendTests.secret))
    }

    @Test(arguments: [vLLMBody, #"{"object":"error","message":"\#(overflowText)","type":"BadRequestError","code":400}"#])
    func anOpenAIServersErrorBodyCarriesTheOverflow(_ body: String) async throws {
        let transport = OpenAIBackendTests.transport([.status("POST /chat/completions", .badRequest, body)])
        let failure = try #require(await Self.failure(of: OpenAIBackendTests.backend(transport).complete(OpenAIBackendTests.request)))
        #expect(
            failure.message.hasPrefix(
                "The server rejected the request to \(OpenAIBackendTests.base)/chat/completions (HTTP 400): The reply does not fit"))
        #expect(failure.contextOverflow == Self.overflow)
        #expect(failure.detail?.contains("is too large: 4096") == true)
    }
}
