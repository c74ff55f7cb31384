import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("Reasoning output")
struct ReasoningTests {
    private typealias H = SimulatorHarness
    private let proxy = SimulatorOptions(tokenDelay: .milliseconds(10), outputFormat: .proxy)

    /// Each streamed delta's field and text, in order, after the role delta.
    private func deltas(_ text: String) -> [(field: String, text: String)] {
        H.sseChunks(text).dropFirst().compactMap { chunk in
            guard let delta = chunk["choices"]?[0]?["delta"]?.objectValue, let (field, value) = delta.first else { return nil }
            return (field, value.stringValue ?? "")
        }
    }

    private func streamed(_ sim: H, _ text: String, _ sampling: [String: JSONValue]) async throws -> [H.Reply] {
        try await sim.drain(try await sim.run(H.chat(text, ["stream": true, "sampling_params": .object(sampling)])), step: .milliseconds(10))
    }

    @Test("[[sim:think=8]] streams 8 delta.reasoning chunks before the first delta.content")
    func streamedThinking() async throws {
        try await H.with(proxy, manualClock: true) { sim in
            let polls = try await streamed(sim, "Hi [[sim:think=8]]", ["max_tokens": 1000])
            let pieces = deltas(H.sseText(polls))
            #expect(pieces.prefix(8).allSatisfy { $0.field == "reasoning" })
            #expect(pieces.dropFirst(8).allSatisfy { $0.field == "content" } && pieces.count > 8)
            #expect(pieces.prefix(8).map(\.text).joined() == ReplyWriter.thinking(about: "Hi ", choice: 0, length: 8).joined())
            #expect(pieces.dropFirst(8).map(\.text).joined() == ReplyWriter.reply(to: "Hi ", choice: 0))
        }
    }

    @Test("thinking counts against max_tokens: 5 of 8 thinking tokens, finish length, no content")
    func thinkingCutShort() async throws {
        try await H.with(proxy, manualClock: true) { sim in
            let text = H.sseText(try await streamed(sim, "Hi [[sim:think=8]]", ["max_tokens": 5]))
            let chunks = H.sseChunks(text)
            let pieces = deltas(text)
            #expect(pieces.map(\.field) == Array(repeating: "reasoning", count: 5))
            #expect(chunks.compactMap { $0["choices"]?[0]?["finish_reason"]?.stringValue } == ["length"])
        }
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:think=8]]", ["sampling_params": .object(["max_tokens": 5])])))
            let choice = try #require(reply.json?["output"]?[0]?["choices"]?[0])
            #expect(choice["message"]?["content"] == .null)
            #expect(choice["message"]?["reasoning"] == .string(ReplyWriter.thinking(about: "Hi ", choice: 0, length: 5).joined()))
            #expect(choice["finish_reason"] == "length")
            #expect(reply.json?["output"]?[0]?["usage"]?["completion_tokens"] == 5)
        }
    }

    @Test("not streamed: message.reasoning holds the thinking, message.content the answer")
    func nonStreamed() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:think=8]]", ["sampling_params": .object(["max_tokens": 1000])])))
            let message = try #require(reply.json?["output"]?[0]?["choices"]?[0]?["message"])
            #expect(message["reasoning"] == .string(ReplyWriter.thinking(about: "Hi ", choice: 0, length: 8).joined()))
            #expect(message["content"] == .string(ReplyWriter.reply(to: "Hi ", choice: 0)))
            let plain = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 1000])])))
            #expect(plain.json?["output"]?[0]?["choices"]?[0]?["message"]?["reasoning"] == .null, "a reasoning parser's field is there, empty")
        }
    }

    @Test(
        "reasoning_effort sets the length, enable_thinking false switches it off",
        arguments: [
            ("low", nil, 16), ("medium", nil, 64), ("high", nil, 256), (nil, nil, 64), ("none", nil, 0), ("high", false, 0),
        ] as [(String?, Bool?, Int)])
    func effort(_ effort: String?, _ enabled: Bool?, _ expected: Int) async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            var sampling: [String: JSONValue] = ["max_tokens": 2000]
            if let effort { sampling["reasoning_effort"] = .string(effort) }
            if let enabled { sampling["chat_template_kwargs"] = .object(["enable_thinking": .bool(enabled)]) }
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:think]]", ["sampling_params": .object(sampling)])))
            #expect(sim.server.jobs.first?.thinkingTokens == expected)
            let thought = reply.json?["output"]?[0]?["choices"]?[0]?["message"]?["reasoning"]?.stringValue ?? ""
            #expect(WordPieceTokenizer.tokens(of: thought).count == expected)
        }
    }

    @Test("older vLLM's field name, and a reasoning model by option on the HTTP OpenAI route")
    func optionsAndRoute() async throws {
        let options = SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy, thinkingTokens: 4, reasoningField: .reasoningContent)
        try await H.with(options) { sim in
            let body: JSONValue = .object(["messages": [.object(["role": "user", "content": "Hi"])], "stream": true, "max_tokens": 100])
            let reply = try await sim.post("openai/v1/chat/completions", body.encodedText)
            let pieces = deltas(reply.body)
            #expect(pieces.prefix(4).map(\.field) == Array(repeating: "reasoning_content", count: 4))
            #expect(pieces.dropFirst(4).allSatisfy { $0.field == "content" })
        }
    }

    @Test("the legacy worker shows no reasoning, even when asked")
    func legacyNone() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, thinkingTokens: 10)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:think]]")))
            #expect(H.legacyTexts(H.statusOutputs(reply)) == [ReplyWriter.reply(to: "Hi ", choice: 0)])
            let body: JSONValue = .object(["messages": [.object(["role": "user", "content": "Hi [[sim:think]]"])]])
            let route = try await sim.post("openai/v1/chat/completions", body.encodedText)
            #expect(route.json?["choices"]?[0]?["message"]?["reasoning"] == nil)
        }
    }
}
