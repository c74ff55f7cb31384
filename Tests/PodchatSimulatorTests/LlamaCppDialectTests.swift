import PodchatCore
import Testing
@testable import PodchatSimulator

/// What llama.cpp's server and a proxy handler in front of it did in the real-server lane, and
/// the simulator did not: `[[sim:llamacpp]]` and `[[sim:noreply]]`.
@Suite("llama.cpp's stream and a worker that yields nothing")
struct LlamaCppDialectTests {
    private typealias H = SimulatorHarness

    private func body(_ text: String, _ fields: [String: JSONValue] = [:]) -> String {
        var body = fields
        body["messages"] = .array([.object(["role": "user", "content": .string(text)])])
        body["stream"] = .bool(true)
        return JSONValue.object(body).encodedText
    }

    @Test("[[sim:llamacpp]]: Python-style JSON with \\u escapes, a ping comment, one choice, no usage")
    func llamaCppStream() async throws {
        try await H.with { sim in
            let fields: [String: JSONValue] = ["n": 2, "stream_options": .object(["include_usage": true])]
            let reply = try await sim.post("openai/v1/chat/completions", body("Ça va? [[sim:llamacpp]]", fields))
            #expect(reply.status == 200)
            #expect(reply.body.contains("\n\n: ping - "))
            #expect(reply.body.contains(#""delta": {"content": "#))
            #expect(reply.body.contains(#"\u00c7"#) && reply.body.contains(#"\u201c"#))
            #expect(reply.body.unicodeScalars.allSatisfy { $0.isASCII })
            let chunks = H.sseChunks(reply.body)
            #expect(!chunks.isEmpty && chunks.allSatisfy { $0["choices"]?.arrayValue?.first?["index"] == 0 && $0["usage"] == nil })
            #expect(reply.body.hasSuffix("data: [DONE]\n\n"))
            // The same text as without the marker, once the escapes are decoded.
            let plain = try await sim.post("openai/v1/chat/completions", body("Ça va?"))
            let text: (String) -> String = { body in
                H.sseChunks(body).compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
            }
            #expect(text(reply.body) == text(plain.body))
            #expect(text(reply.body).contains("Ça va?"))
        }
    }

    @Test("[[sim:llamacpp]] on the proxy worker: the ping is in the job's raw SSE text too")
    func llamaCppThroughTheWorker() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let id = try await sim.run(H.chat("Hello [[sim:llamacpp]]", ["stream": true]))
            let text = H.sseText(try await sim.drain(id))
            #expect(text.contains(": ping - "))
            #expect(text.contains(#""finish_reason": "stop""#))
        }
    }

    @Test("[[sim:noreply]]: the job COMPLETES with no yield; the OpenAI route streams nothing")
    func noReply() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let id = try await sim.run(H.chat("Hello [[sim:noreply]]", ["stream": true]))
            let replies = try await sim.drain(id)
            #expect(replies.last?.jobStatus == "COMPLETED")
            #expect(H.outputs(replies).isEmpty)
            let direct = try await sim.post("openai/v1/chat/completions", body("Hello [[sim:noreply]]"))
            #expect(direct.status == 200)
            #expect(direct.body.isEmpty)
        }
    }

    @Test("the markers are read, and a retried job keeps the stream's style but not the silence")
    func parsing() {
        let both = SimulatedFaults(scanning: "[[sim:llamacpp]] [[sim:noreply]]")
        #expect(both == SimulatedFaults(llamaCppStream: true, noReply: true))
        #expect(both.withoutFailures == SimulatedFaults(llamaCppStream: true))
    }
}
