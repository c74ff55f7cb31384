import EndpointClient
import NIOHTTP1
import PodchatCore
import Synchronization
import Testing

/// The served model and its context length, asked once per backend.
@Suite struct ModelInfoTests {
    static let proxyList =
        #"{"object":"list","data":[{"id":"Qwen/Qwen3-8B","object":"model","owned_by":"vllm","max_model_len":40960},"#
        + #"{"id":"my-lora","object":"model","parent":"Qwen/Qwen3-8B","max_model_len":40960}]}"#
    static let qwen = ModelInfo(id: "Qwen/Qwen3-8B", maxModelLength: 40960)

    static func runsync(_ status: String, output: String?) -> String {
        #"{"id":"sync-m","status":"\#(status)""# + (output.map { #","output":[\#($0)]"# } ?? "") + "}"
    }

    // MARK: - Runpod job API

    @Test func asksTheWorkerForItsModelListOnceWithARunsyncJob() async throws {
        let transport = ScriptedTransport([.ok("POST /runsync?wait=90000", Self.runsync("COMPLETED", output: Self.proxyList))])
        let backend = RunpodBackendTests.backend(transport)
        #expect(await backend.modelInfo() == Self.qwen)
        #expect(await backend.modelInfo() == Self.qwen)
        #expect(transport.requestLines == ["POST /runsync?wait=90000"])
        let body = try JSONValue(parsing: try #require(transport.requests.first?.body))
        #expect(body == WorkerFixtures.json(#"{"input":{"openai_route":"/v1/models"}}"#))
    }

    @Test func followsAJobThatOutlastedTheRunsyncWait() async {
        let sleeps = RunpodBackendTests.Sleeps()
        let transport = ScriptedTransport([
            .ok("POST /runsync?wait=90000", Self.runsync("IN_QUEUE", output: nil)),
            .ok("GET /status/sync-m", Self.runsync("IN_PROGRESS", output: nil)),
            .ok("GET /status/sync-m", Self.runsync("COMPLETED", output: Self.proxyList)),
        ])
        #expect(await RunpodBackendTests.backend(transport, sleeps: sleeps).modelInfo() == Self.qwen)
        #expect(sleeps.all == [.seconds(1), .seconds(1)])
        #expect(transport.unusedExchanges.isEmpty && transport.mismatches.isEmpty)
    }

    @Test func picksTheConfiguredModelOfTheOpenAIFormat() async {
        let transport = ScriptedTransport([.ok("POST /runsync?wait=90000", Self.runsync("COMPLETED", output: Self.proxyList))])
        let options = RunpodOptions(inputFormat: .openAI(model: "my-lora"), sleep: { _ in })
        let backend = RunpodBackend(endpoint: RunpodBackendTests.endpoint, transport: transport, options: options)
        #expect(await backend.modelInfo() == ModelInfo(id: "my-lora", maxModelLength: 40960))
    }

    /// An older worker without the OpenAI route answers with an error: nothing to know, and
    /// nothing to ask again.
    @Test(arguments: [
        runsync("COMPLETED", output: #"{"error":"prompt or messages is required"}"#),
        #"{"id":"sync-m","status":"FAILED","error":"{'error': {'message': 'prompt or messages is required'}}"}"#,
        runsync("COMPLETED", output: #"{"choices":[{"tokens":["hi"]}]}"#),
    ])
    func remembersThatAWorkerHasNoModelList(_ answer: String) async {
        let transport = ScriptedTransport([.ok("POST /runsync?wait=90000", answer)])
        let backend = RunpodBackendTests.backend(transport)
        #expect(await backend.modelInfo() == nil)
        #expect(await backend.modelInfo() == nil)
        #expect(transport.requestLines.count == 1)
    }

    @Test func asksAgainAfterARequestThatFailed() async {
        let transport = ScriptedTransport([
            .status("POST /runsync?wait=90000", .serviceUnavailable),
            .ok("POST /runsync?wait=90000", Self.runsync("COMPLETED", output: Self.proxyList)),
        ])
        let backend = RunpodBackendTests.backend(transport)
        #expect(await backend.modelInfo() == nil)
        #expect(await backend.modelInfo() == Self.qwen)
    }

    @Test func givesUpOnAJobThatOutlastsTheFirstTokenTimeout() async {
        let clock = ManualClock()
        let transport = ScriptedTransport(
            [.ok("POST /runsync?wait=90000", Self.runsync("IN_QUEUE", output: nil))]
                + Array(repeating: .ok("GET /status/sync-m", Self.runsync("IN_QUEUE", output: nil)), count: 3))
        let options = RunpodOptions(
            firstTokenTimeout: .seconds(3), sleep: { clock.advance($0) }, now: { clock.now })
        let backend = RunpodBackend(endpoint: RunpodBackendTests.endpoint, transport: transport, options: options)
        #expect(await backend.modelInfo() == nil)
        #expect(transport.requestLines.count == 4)
    }

    // MARK: - OpenAI-compatible server

    @Test func readsTheContextLengthVLLMListsOnce() async {
        let transport = OpenAIBackendTests.transport([.ok("GET /models", Self.proxyList)])
        let backend = OpenAIBackendTests.backend(transport, model: nil)
        #expect(await backend.modelInfo() == Self.qwen)
        #expect(await backend.modelInfo() == Self.qwen)
        #expect(transport.requestLines == ["GET /models"])
    }

    @Test func knowsNoContextLengthForAServerThatListsNone() async {
        let transport = OpenAIBackendTests.transport([.ok("GET /models", #"{"object":"list","data":[{"id":"model.gguf","object":"model"}]}"#)])
        #expect(await OpenAIBackendTests.backend(transport, model: nil).modelInfo() == ModelInfo(id: "model.gguf"))
    }

    @Test func picksTheConfiguredModel() async {
        let transport = OpenAIBackendTests.transport([.ok("GET /models", Self.proxyList)])
        #expect(await OpenAIBackendTests.backend(transport, model: "my-lora").modelInfo()?.id == "my-lora")
    }

    @Test func learnsItWhileDiscoveringTheModelForAReply() async {
        let transport = OpenAIBackendTests.transport([
            .ok("GET /models", Self.proxyList), .stream("POST /chat/completions", [OpenAIBackendTests.chatBytes]),
        ])
        let backend = OpenAIBackendTests.backend(transport, model: nil)
        _ = await OpenAIBackendTests.collect(backend)
        #expect(await backend.modelInfo() == Self.qwen)
        #expect(transport.requestLines == ["GET /models", "POST /chat/completions"])
    }

    @Test func asksAgainWhenTheListCouldNotBeRead() async {
        let transport = OpenAIBackendTests.transport([
            .status("GET /models", .badGateway), .ok("GET /models", Self.proxyList),
        ])
        let backend = OpenAIBackendTests.backend(transport, model: nil)
        #expect(await backend.modelInfo() == nil)
        #expect(await backend.modelInfo() == Self.qwen)
    }

    @Test func aBackendThatCannotListModelsKnowsNothing() async {
        struct Silent: CompletionBackend {
            func complete(_ request: CompletionRequest) -> AsyncThrowingStream<CompletionEvent, any Error> {
                AsyncThrowingStream { $0.finish() }
            }
            func settle() async {}
        }
        #expect(await Silent().modelInfo() == nil)
    }
}

/// Time that moves only when the code under test sleeps.
final class ManualClock: Sendable {
    private let elapsed = Mutex<Duration>(.zero)
    var now: Duration { elapsed.withLock { $0 } }
    func advance(_ duration: Duration) { elapsed.withLock { $0 += duration } }
}
