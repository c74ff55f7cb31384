import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("OpenAI shapes: proxy worker, OpenAI route")
struct ProxyFormatTests {
    private typealias H = SimulatorHarness
    private let proxy = SimulatorOptions(tokenDelay: .milliseconds(10), outputFormat: .proxy)

    /// The `data:` payloads of an SSE text, checking it is well formed.
    private func events(_ text: String) -> [String] {
        let blocks = text.split(separator: "\n\n", omittingEmptySubsequences: false)
        #expect(blocks.last == "", "the text ends with a complete event")
        return blocks.dropLast().map { block in
            #expect(block.hasPrefix("data: "))
            return String(block.dropFirst("data: ".count))
        }
    }

    /// The chunk objects of streamed SSE text, and the content per choice.
    private func parse(_ text: String, field: (JSONValue) -> String?) -> (chunks: [JSONValue], texts: [Int: String]) {
        let payloads = events(text)
        #expect(payloads.last == "[DONE]")
        let chunks = payloads.dropLast().compactMap { JSONValue(parsing: $0) }
        #expect(chunks.count == payloads.count - 1, "every event but [DONE] is JSON")
        var texts: [Int: String] = [:]
        for chunk in chunks {
            for choice in chunk["choices"]?.arrayValue ?? [] {
                texts[choice["index"]?.intValue ?? -1, default: ""] += field(choice) ?? ""
            }
        }
        return (chunks, texts)
    }

    @Test("streaming: yields are SSE strings split at arbitrary points that reassemble into chat chunks")
    func streamedChat() async throws {
        try await H.with(proxy, manualClock: true) { sim in
            let input = H.chat(
                "Hello there", ["stream": .bool(true), "sampling_params": .object(["stream_options": .object(["include_usage": .bool(true)])])])
            let polls = try await sim.drain(try await sim.run(input), step: .milliseconds(10))
            #expect(polls.last?.jobStatus == "COMPLETED")
            let pieces = H.outputs(polls).compactMap(\.stringValue)
            #expect(pieces.count == H.outputs(polls).count, "every yield is a string")
            #expect(pieces.contains { !$0.hasSuffix("\n\n") }, "some events straddle yields")
            // A read cut short is completed at the same moment, as from a socket vLLM wrote the
            // whole event to: no event waits for the next token.
            for poll in polls {
                let text = H.outputs([poll]).compactMap(\.stringValue).joined()
                #expect(text.isEmpty || text.hasSuffix("\n\n"), "every step ends on an event's end")
            }
            let (chunks, texts) = parse(pieces.joined()) { $0["delta"]?["content"]?.stringValue }
            #expect(texts == [0: ReplyWriter.reply(to: "Hello there", choice: 0)])
            #expect(chunks.first?["choices"]?[0]?["delta"]?["role"] == .string("assistant"))
            #expect(chunks.allSatisfy { $0["object"] == .string("chat.completion.chunk") })
            let finishes = chunks.compactMap { $0["choices"]?[0]?["finish_reason"]?.stringValue }
            #expect(finishes == ["stop"])
            #expect(chunks.last?["choices"] == .array([]))
            #expect(chunks.last?["usage"]?["completion_tokens"] == .number(Double(WordPieceTokenizer.tokens(of: texts[0] ?? "").count)))
        }
    }

    @Test("non-streaming chat: one chat.completion; prompt: text_completion cut at vLLM's 16 tokens")
    func nonStreaming() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let chat = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": .number(7)])])))
            let completion = try #require(chat.json?["output"]?.arrayValue?.first)
            #expect(completion["object"] == .string("chat.completion"))
            let expected = WordPieceTokenizer.tokens(of: ReplyWriter.reply(to: "Hi", choice: 0)).prefix(7).joined()
            #expect(completion["choices"]?[0]?["message"]?["content"] == .string(expected))
            #expect(completion["choices"]?[0]?["finish_reason"] == .string("length"))
            #expect(completion["usage"]?["completion_tokens"] == .number(7))

            let prompt = try await sim.post("runsync", H.envelope(.object(["prompt": .string("Earlier\n\nOnce upon a time")])))
            let text = try #require(prompt.json?["output"]?[0])
            #expect(text["object"] == .string("text_completion"))
            #expect(text["usage"]?["completion_tokens"] == .number(16))
            #expect(text["choices"]?[0]?["text"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("n=2 streams interleave choices by index")
    func twoChoices() async throws {
        try await H.with(proxy, manualClock: true) { sim in
            let input = H.chat("Hi", ["stream": .bool(true), "sampling_params": .object(["n": .number(2), "max_tokens": .number(12)])])
            let polls = try await sim.drain(try await sim.run(input), step: .milliseconds(10))
            let (_, texts) = parse(H.outputs(polls).compactMap(\.stringValue).joined()) { $0["delta"]?["content"]?.stringValue }
            #expect(texts.count == 2 && texts[0] != texts[1])
        }
    }

    @Test("openai_route /v1/models, and a failing job's proxy error")
    func modelsAndFailure() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let models = try await sim.post("runsync", H.envelope(.object(["openai_route": .string("/v1/models")])))
            #expect(models.json?["output"]?[0]?["data"]?[0]?["id"] == .string("podchat/simulated-model"))
            let failed = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:fail]]")))
            #expect(failed.jobStatus == "FAILED")
            #expect(failed.json?["error"]?.stringValue?.hasPrefix("{'message': 'vLLM returned HTTP 500: {\"error\":") == true)
            let empty = try await sim.post("runsync", H.envelope(.object([:])))
            #expect(empty.json?["error"]?.stringValue?.contains("Job input must contain one of") == true)
        }
    }

    @Test("legacy worker, OpenAI input: SSE strings grouped 1, 3, 9… events")
    func legacyOpenAIRoute() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let body: JSONValue = .object([
                "messages": .array([.object(["role": .string("user"), "content": .string("Hi")])]), "stream": .bool(true),
                "max_tokens": .number(20),
            ])
            let input: JSONValue = .object(["openai_route": .string("/v1/chat/completions"), "openai_input": body])
            let reply = try await sim.post("runsync", H.envelope(input))
            let pieces = (reply.json?["output"]?.arrayValue ?? []).compactMap(\.stringValue)
            // 1 role event + 20 token events + [DONE] = 22 events: 1, 3, 9, then 9 left.
            #expect(pieces.map { events($0).count } == [1, 3, 9, 9])
            #expect(parse(pieces.joined()) { $0["delta"]?["content"]?.stringValue }.texts[0]?.isEmpty == false)
        }
    }

    @Test("the HTTP OpenAI route answers JSON, or SSE when streaming")
    func openAIHTTPRoute() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(1))) { sim in
            let messages: JSONValue = .array([.object(["role": .string("user"), "content": .string("Hi")])])
            let plain = try await sim.post("openai/v1/chat/completions", JSONValue.object(["messages": messages]).encodedText)
            #expect(plain.status == 200)
            #expect(plain.json?["choices"]?[0]?["message"]?["content"] == .string(ReplyWriter.reply(to: "Hi", choice: 0)))

            let streamed = try await sim.post(
                "openai/v1/chat/completions", JSONValue.object(["messages": messages, "stream": .bool(true)]).encodedText)
            #expect(streamed.header("Content-Type") == "text/event-stream")
            #expect(parse(streamed.body) { $0["delta"]?["content"]?.stringValue }.texts == [0: ReplyWriter.reply(to: "Hi", choice: 0)])

            let models = try await sim.get("openai/v1/models")
            #expect(models.json?["data"]?[0]?["id"] == .string("podchat/simulated-model"))
        }
    }
}
