import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("The runpod SDK's local test server dialect (--rp_serve_api)")
struct LocalServerDialectTests {
    private typealias H = SimulatorHarness
    private let local = SimulatorOptions(tokenDelay: .zero, requiredAPIKey: "ignored", dialect: .sdkLocalServer)

    private func post(_ sim: H, _ path: String, _ body: String? = nil) async throws -> H.Reply {
        try await sim.request("POST", path, body: body)
    }

    @Test("four POST routes at the root: GET is 405, everything else 404, no auth")
    func routes() async throws {
        try await H.with(local) { sim in
            for operation in ["stream", "status"] {
                let reply = try await sim.request("GET", "/\(operation)/x")
                #expect(reply.status == 405)
                #expect(reply.json?["detail"] == .string("Method Not Allowed"))
            }
            for path in ["/cancel/x", "/retry/x", "/purge-queue", "/status-sync/x", "/v2/test/run"] {
                #expect(try await post(sim, path).status == 404)
            }
            let health = try await sim.request("GET", "/health")
            #expect(health.status == 404 && health.json?["detail"] == .string("Not Found"))
            let run = try await post(sim, "/run", H.envelope(H.chat("Hi")))
            #expect(run.status == 200, "no Authorization needed")
        }
    }

    @Test("/run only stores the job; the first /stream runs it and returns everything; then it is gone")
    func streamOnce() async throws {
        try await H.with(local) { sim in
            let run = try await post(sim, "/run", H.envelope(H.chat("Hello there", ["stream": .bool(true)])))
            #expect(run.jobStatus == "IN_PROGRESS")
            let id = try #require(run.json?["id"]?.stringValue)
            #expect(id.hasPrefix("test-"))
            let stream = try await post(sim, "/stream/\(id)")
            #expect(stream.jobStatus == "COMPLETED")
            let chunks = H.outputs([stream])
            #expect(chunks.count > 1, "one element per yield")
            #expect(H.legacyTexts(chunks) == [ReplyWriter.reply(to: "Hello there", choice: 0)])
            for operation in ["stream", "status"] {
                let again = try await post(sim, "/\(operation)/\(id)")
                #expect(again.status == 200)
                #expect(again.json == .object(["id": .string(id), "status": "FAILED", "error": "Job ID not found"]))
            }
        }
    }

    @Test("/status and /runsync run the job and answer its output list")
    func statusAndRunsync() async throws {
        try await H.with(local) { sim in
            let id = try #require(try await post(sim, "/run", H.envelope(H.chat("Hi"))).json?["id"]?.stringValue)
            let status = try await post(sim, "/status/\(id)")
            #expect(status.jobStatus == "COMPLETED")
            #expect(H.legacyTexts(status.json?["output"]?.arrayValue ?? []) == [ReplyWriter.reply(to: "Hi", choice: 0)])
            let sync = try await post(sim, "/runsync?wait=1", H.envelope(H.chat("Hi")))
            #expect(sync.jobStatus == "COMPLETED")
            #expect(sync.json?["output"] == status.json?["output"])
            #expect(sync.json?["id"]?.stringValue?.hasPrefix("test-") == true)
        }
    }

    @Test("a body without an object input gets FastAPI's 422")
    func validation() async throws {
        try await H.with(local) { sim in
            let cases = [("not json", "json_invalid"), (#"{"prompt":"Hi"}"#, "missing"), (#"{"input":"just a string"}"#, "dict_type")]
            for (body, type) in cases {
                let reply = try await post(sim, "/run", body)
                #expect(reply.status == 422)
                #expect(reply.json?["detail"]?[0]?["type"] == .string(type))
            }
        }
    }

    @Test("a worker error stays in the output of a COMPLETED job")
    func errorsInOutput() async throws {
        try await H.with(local) { sim in
            let reply = try await post(sim, "/runsync", H.envelope(.object(["sampling_params": .object([:])])))
            #expect(reply.jobStatus == "COMPLETED")
            let error = reply.json?["output"]?[0]?["error"]?.stringValue
            #expect(error?.contains("prompt or messages is required") == true)
        }
    }

    @Test("OpenAI input: the stream holds the SSE strings of the whole reply")
    func openAIInput() async throws {
        try await H.with(local) { sim in
            let body: JSONValue = .object([
                "messages": .array([.object(["role": "user", "content": "Hi"])]), "stream": true,
            ])
            let input: JSONValue = .object(["openai_route": "/v1/chat/completions", "openai_input": body])
            let id = try #require(try await post(sim, "/run", H.envelope(input)).json?["id"]?.stringValue)
            let pieces = H.outputs([try await post(sim, "/stream/\(id)")]).compactMap(\.stringValue)
            #expect(pieces.joined().hasSuffix("data: [DONE]\n\n"))
        }
    }
}
