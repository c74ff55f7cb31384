import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("Log probabilities and vLLM's request validation")
struct LogprobsTests {
    private typealias H = SimulatorHarness
    private let proxy = SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)

    private func runSync(_ sim: H, _ input: JSONValue) async throws -> H.Reply {
        try await sim.post("runsync", H.envelope(input))
    }

    @Test("chat: logprobs true + top_logprobs 2 gives content[{token, logprob, bytes, top_logprobs}]")
    func chatShape() async throws {
        try await H.with(proxy) { sim in
            let sampling: JSONValue = .object(["max_tokens": 3, "logprobs": true, "top_logprobs": 2])
            let reply = try await runSync(sim, H.chat("Hi", ["sampling_params": sampling]))
            let choice = try #require(reply.json?["output"]?[0]?["choices"]?[0])
            let entries = try #require(choice["logprobs"]?["content"]?.arrayValue)
            #expect(entries.count == 3)
            #expect(entries.compactMap { $0["token"]?.stringValue }.joined() == choice["message"]?["content"]?.stringValue)
            for entry in entries {
                #expect(entry.objectValue.map { Set($0.keys) } == ["token", "logprob", "bytes", "top_logprobs"])
                let token = try #require(entry["token"]?.stringValue)
                #expect(entry["bytes"] == .array(token.utf8.map { .number(Double($0)) }))
                let top = try #require(entry["top_logprobs"]?.arrayValue)
                #expect(top.count == 2 && top[0]["token"] == entry["token"] && top[0]["logprob"] == entry["logprob"])
                #expect(top.allSatisfy { $0.objectValue.map { Set($0.keys) } == ["token", "logprob", "bytes"] })
                #expect((top[1]["logprob"]?.numberValue ?? 0) < (top[0]["logprob"]?.numberValue ?? 0))
            }
        }
    }

    @Test("chat, streamed: each token chunk carries its own logprobs.content entry")
    func chatStreamed() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(10), outputFormat: .proxy), manualClock: true) { sim in
            let sampling: JSONValue = .object(["max_tokens": 4, "logprobs": true, "top_logprobs": 1])
            let polls = try await sim.drain(try await sim.run(H.chat("Hi", ["stream": true, "sampling_params": sampling])), step: .milliseconds(10))
            let chunks = H.sseChunks(H.sseText(polls))
            #expect(chunks.first?["choices"]?[0]?["logprobs"] == .null, "the role chunk has none")
            let tokenChunks = chunks.dropFirst().compactMap { $0["choices"]?[0] }
            #expect(tokenChunks.count == 4)
            for choice in tokenChunks {
                let entries = choice["logprobs"]?["content"]?.arrayValue
                #expect(entries?.count == 1 && entries?[0]["token"] == choice["delta"]?["content"])
                #expect(entries?[0]["top_logprobs"]?.arrayValue?.count == 1)
            }
        }
    }

    @Test("completions: logprobs 2 gives tokens, token_logprobs, top_logprobs and text_offset")
    func completionShape() async throws {
        try await H.with(proxy) { sim in
            let input: JSONValue = .object(["prompt": "Once", "sampling_params": .object(["max_tokens": 4, "logprobs": 2])])
            let reply = try await runSync(sim, input)
            let choice = try #require(reply.json?["output"]?[0]?["choices"]?[0])
            let logprobs = try #require(choice["logprobs"])
            let tokens = (logprobs["tokens"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(tokens.joined() == choice["text"]?.stringValue && tokens.count == 4)
            #expect(logprobs["token_logprobs"]?.arrayValue?.count == 4)
            var offset = 0
            var offsets: [JSONValue] = []
            for token in tokens {
                offsets.append(.number(Double(offset)))
                offset += token.unicodeScalars.count
            }
            #expect(logprobs["text_offset"] == .array(offsets))
            let tops = try #require(logprobs["top_logprobs"]?.arrayValue)
            #expect(tops.enumerated().allSatisfy { $0.element.objectValue?.count == 2 && $0.element[tokens[$0.offset]] != nil })
        }
    }

    @Test("an integer logprobs on chat is a validation error: HTTP 400, the job FAILED with the wrapped error")
    func integerLogprobsOnChat() async throws {
        try await H.with(proxy) { sim in
            let reply = try await runSync(sim, H.chat("Hi", ["sampling_params": .object(["logprobs": 5])]))
            #expect(reply.jobStatus == "FAILED" && reply.json?["output"] == nil)
            let expected =
                #"{'message': 'vLLM returned HTTP 400: {"error":{"message":"[{\'type\': \'bool_parsing\', \'loc\': (\'body\', \'logprobs\'), \'msg\': \'Input should be a valid boolean, unable to interpret input\', \'input\': 5}]","type":"Bad Request","param":null,"code":400}}', 'type': 'worker_error', 'code': None}"#
            #expect(reply.json?["error"] == .string(expected))
        }
    }

    @Test("top_logprobs over 20, or without logprobs, fails as vLLM says")
    func topLogprobsLimits() async throws {
        try await H.with(proxy) { sim in
            let tooMany = try await runSync(sim, H.chat("Hi", ["sampling_params": .object(["logprobs": true, "top_logprobs": 21])]))
            let expected =
                #"{'message': 'vLLM returned HTTP 400: {"error":{"message":"Requested sample logprobs of 21, which is greater than max allowed: 20 (parameter=logprobs, value=21)","type":"BadRequestError","param":"logprobs","code":400}}', 'type': 'worker_error', 'code': None}"#
            #expect(tooMany.json?["error"] == .string(expected))
            let alone = try await runSync(sim, H.chat("Hi", ["sampling_params": .object(["top_logprobs": 3])]))
            let error = alone.json?["error"]?.stringValue ?? ""
            #expect(error.contains(#"Value error, when using `top_logprobs`, `logprobs` must be set to true. (parameter=top_logprobs)"#))
            #expect(error.contains(#""param":"top_logprobs","code":400}}"#))
            let completion = try await runSync(sim, .object(["prompt": "Once", "sampling_params": .object(["logprobs": 21])]))
            #expect(completion.json?["error"]?.stringValue?.contains("Requested sample logprobs of 21") == true)
        }
    }

    @Test("the proxy worker ignores fields vLLM does not know; the legacy worker fails on any SamplingParams lacks")
    func unknownFields() async throws {
        let fields: [String: JSONValue] = ["best_of": 2, "early_stopping": true, "frobnicate": 1, "max_tokens": 4]
        try await H.with(proxy) { sim in
            let reply = try await runSync(sim, H.chat("Hi", ["sampling_params": .object(fields)]))
            #expect(reply.jobStatus == "COMPLETED")
        }
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            for field in ["reasoning_effort", "top_logprobs", "use_beam_search", "length_penalty", "early_stopping", "chat_template_kwargs"] {
                let reply = try await runSync(sim, H.chat("Hi", ["sampling_params": .object([field: 1, "max_tokens": 4])]))
                #expect(reply.jobStatus == "FAILED")
                #expect(reply.json?["error"] == .string("Unexpected keyword argument '\(field)'"))
            }
            let known = try await runSync(sim, H.chat("Hi", ["sampling_params": .object(["logprobs": 2, "min_p": 0.1, "max_tokens": 4])]))
            #expect(known.jobStatus == "COMPLETED")
        }
    }
}
