import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("Model defaults and the effective sampling values")
struct ModelDefaultsTests {
    private typealias H = SimulatorHarness
    private let proxy = SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)

    private func reply(_ sim: H, _ input: JSONValue) async throws -> String {
        let answer = try await sim.post("runsync", H.envelope(input))
        let output = try #require(answer.json?["output"]?[0])
        if let text = output["choices"]?[0]?["text"]?.stringValue { return text }
        if let content = output["choices"]?[0]?["message"]?["content"]?.stringValue { return content }
        return H.legacyTexts(answer.json?["output"]?.arrayValue ?? []).first ?? ""
    }

    @Test("proxy: a field left out takes the model's default, a field sent is used as sent")
    func proxyDefaults() async throws {
        try await H.with(proxy) { sim in
            _ = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 8])])))
            _ = try await sim.post(
                "runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["temperature": 1, "top_k": -1, "max_tokens": 8])])))
            let jobs = sim.server.jobs
            #expect(jobs.map(\.sampling?.temperature) == [0.6, 1.0])
            #expect(jobs.map(\.sampling?.topP) == [0.95, 0.95])
            #expect(jobs.map(\.sampling?.topK) == [20, -1])
            #expect(jobs.map(\.route) == ["/v1/chat/completions", "/v1/chat/completions"])
        }
    }

    @Test("[[sim:params]] makes the proxy reply state the values the model sampled with")
    func statedOnProxy() async throws {
        try await H.with(proxy) { sim in
            let sampling: JSONValue = .object(["temperature": 1, "max_tokens": 1024])
            let text = try await reply(sim, H.chat("Which? [[sim:params]]", ["sampling_params": sampling]))
            #expect(
                text.hasPrefix(
                    "[temperature=1.0 top_p=0.95 top_k=20 min_p=0.0 presence_penalty=0.0 frequency_penalty=0.0 "
                        + "repetition_penalty=1.0 max_tokens=1024 route=/v1/chat/completions prompt=chat-templated] "))
            #expect(text.hasSuffix(ReplyWriter.reply(to: "Which? ", choice: 0)))
        }
    }

    @Test("the legacy worker uses vLLM's documented defaults")
    func legacyDefaults() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let text = try await reply(sim, H.chat("Which? [[sim:params]]", ["sampling_params": .object(["top_p": 0.5, "max_tokens": 1000])]))
            #expect(
                text.hasPrefix(
                    "[temperature=1.0 top_p=0.5 top_k=0 min_p=0.0 presence_penalty=0.0 frequency_penalty=0.0 repetition_penalty=1.0 max_tokens=1000 route=native prompt=chat-templated]"
                ))
            #expect(sim.server.jobs.first?.sampling?.temperature == 1)
        }
    }

    @Test("the proxy worker completes a prompt raw, apply_chat_template or not; the legacy worker templates it when asked")
    func promptTemplating() async throws {
        let input: JSONValue = .object([
            "prompt": "Once upon a time [[sim:params]]", "apply_chat_template": true, "sampling_params": .object(["max_tokens": 200]),
        ])
        try await H.with(proxy) { sim in
            let text = try await reply(sim, input)
            #expect(text.contains(" route=/v1/completions prompt=raw, not templated] "))
            #expect(sim.server.jobs.first?.chatTemplateApplied == false)
            #expect(sim.server.jobs.first?.route == "/v1/completions")
        }
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let text = try await reply(sim, input)
            #expect(text.contains(" route=native prompt=chat-templated] "))
            #expect(sim.server.jobs.first?.chatTemplateApplied == true)
        }
    }

    @Test("the model's defaults come from the options")
    func configuredDefaults() async throws {
        let options = SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy, modelDefaults: ModelDefaults(temperature: 0.3, topP: 0.8, topK: 5))
        try await H.with(options) { sim in
            _ = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 4])])))
            #expect(sim.server.jobs.first?.sampling?.summary.hasPrefix("temperature=0.3 top_p=0.8 top_k=5 ") == true)
        }
    }
}
