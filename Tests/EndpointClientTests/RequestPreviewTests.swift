import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatTestSupport
import Testing

/// A backend's preview is the request it then sends, byte for byte, with the key's header
/// naming its variable instead of holding the key.
@Suite struct RequestPreviewTests {
    static let request = CompletionRequest(
        messages: [Message(role: .user, content: "It's \"$HOME\" — `ls`\nnew line ü")],
        parameters: SamplingParameters(overrides: ["max_tokens": 20, "temperature": 0.5, "seed": 7])
    )

    /// The headers of `sent` in order, the key's value swapped for the placeholder.
    private static func shown(_ sent: TransportRequest, secret: String, variable: String) -> [RequestPreview.Header] {
        sent.headers.map { name, value in
            let isKey = name == "Authorization"
            return RequestPreview.Header(
                name: name, value: isKey ? value.replacing(secret, with: "$\(variable)") : value, expandsVariable: isKey)
        }
    }

    @Test func theRunpodPreviewIsTheRunRequestSent() async throws {
        let transport = ScriptedTransport([RunpodBackendTests.queued, .ok("GET /stream/j1", RunpodBackendTests.streamBody("COMPLETED"))])
        let backend = RunpodBackendTests.backend(transport)
        let preview = try #require(backend.preview(Self.request))
        _ = await RunpodBackendTests.collect(backend.complete(Self.request))
        let sent = try #require(transport.requests.first)
        #expect(preview.method == "POST")
        #expect(preview.url == sent.url)
        #expect(preview.url == "http://runpod.test/v2/ep/run")
        #expect(preview.body == sent.body)
        #expect(preview.headers == Self.shown(sent, secret: RunpodBackendTests.secret, variable: "RUNPOD_API_KEY"))
        #expect(preview.headers.contains(RequestPreview.Header(name: "Authorization", value: "Bearer $RUNPOD_API_KEY", expandsVariable: true)))
        #expect(!preview.curlCommand.contains(RunpodBackendTests.secret))
        #expect(preview.notes.first?.contains("/stream/") == true)
    }

    @Test func theRunSyncPreviewIsTheRunSyncRequestSent() async throws {
        let done = RunpodBackendTests.statusBody("COMPLETED", [])
        let transport = ScriptedTransport([.ok("POST /runsync?wait=90000", done)])
        let backend = RunpodBackendTests.backend(transport)
        let preview = backend.preview(Self.request, submission: .runSync(wait: .seconds(90)))
        _ = await RunpodBackendTests.collect(backend.runSync(Self.request, wait: .seconds(90)))
        let sent = try #require(transport.requests.first)
        #expect(preview.url == sent.url)
        #expect(preview.body == sent.body)
    }

    @Test func withoutAKeyNeitherThePreviewNorTheRequestHasAnAuthorizationHeader() async throws {
        let transport = ScriptedTransport([RunpodBackendTests.queued, .ok("GET /stream/j1", RunpodBackendTests.streamBody("COMPLETED"))])
        let backend = RunpodBackendTests.backend(transport, apiKey: nil)
        let preview = try #require(backend.preview(Self.request))
        _ = await RunpodBackendTests.collect(backend.complete(Self.request))
        #expect(!preview.headers.contains { $0.name == "Authorization" })
        #expect(!preview.curlCommand.contains("Authorization"))
        #expect(transport.requests.allSatisfy { $0.headers["Authorization"].isEmpty })
    }

    @Test func theOpenAIPreviewIsTheCompletionRequestSent() async throws {
        let transport = OpenAIBackendTests.transport([.stream("POST /chat/completions", [OpenAIBackendTests.chatBytes])])
        let backend = OpenAIBackendTests.backend(transport)
        let preview = try #require(backend.preview(Self.request))
        _ = await OpenAIBackendTests.collect(backend, Self.request)
        let sent = try #require(transport.requests.first)
        #expect(preview.url == "http://vllm.test/v1/chat/completions")
        #expect(preview.body == sent.body)
        #expect(preview.headers == Self.shown(sent, secret: OpenAIBackendTests.secret, variable: "VLLM_KEY"))
        #expect(preview.curlCommand.contains(#"-H "Authorization: Bearer $VLLM_KEY""#))
        #expect(preview.curlCommand.contains("-N"), "a streamed reply is printed as it arrives")
        #expect(preview.notes.isEmpty)
    }

    @Test func anOpenAIPreviewBeforeTheModelIsKnownSaysItIsAskedFirst() throws {
        let backend = OpenAIBackendTests.backend(OpenAIBackendTests.transport([]), model: nil)
        let preview = try #require(backend.preview(Self.request))
        #expect(try JSONValue(parsing: preview.body)["model"] == nil)
        #expect(preview.notes.first?.contains("GET /models") == true)
    }
}
