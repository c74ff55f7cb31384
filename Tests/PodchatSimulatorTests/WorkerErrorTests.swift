import PodchatCore
import Testing

@testable import PodchatSimulator

@Suite("Errors as jobs report them: handler tracebacks and context length")
struct WorkerErrorTests {
    private typealias H = SimulatorHarness
    private static let sdkFrame =
        "Traceback (most recent call last):\n  File \"/usr/local/lib/python3.12/dist-packages/runpod/serverless/modules/rp_job.py\", "
        + "line 324, in run_job_generator\n    async for output_partial in job_output:\n  File \"/src/handler.py\", line "

    private func small(_ format: WorkerOutputFormat) -> SimulatorOptions {
        SimulatorOptions(tokenDelay: .zero, outputFormat: format, maxModelLen: 64)
    }

    @Test("[[sim:traceback]] on the proxy worker: handler: <message> \\ntraceback: Traceback …")
    func proxyTraceback() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:traceback]]")))
            #expect(reply.jobStatus == "FAILED" && reply.json?["output"] == nil)
            let error = reply.json?["error"]?.stringValue ?? ""
            #expect(error.hasPrefix("handler: Expecting value: line 1 column 1 (char 0) \ntraceback: " + Self.sdkFrame + "150, in handler\n"))
            #expect(error.hasSuffix("\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"))
            let streamed = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:traceback]]", ["stream": true])))
            let streamError = streamed.json?["error"]?.stringValue ?? ""
            #expect(streamError.hasPrefix("handler:  \ntraceback: " + Self.sdkFrame + "147, in handler\n"))
            #expect(streamError.hasSuffix("\nTimeoutError\n"))
        }
    }

    @Test("[[sim:traceback]] on the legacy worker: its handler catches it and fails with the bare message")
    func legacyTraceback() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi [[sim:traceback]]")))
            #expect(reply.json?["error"] == .string("Simulated handler exception ([[sim:traceback]])"))
        }
    }

    @Test("a prompt that does not fit beside max_tokens: vLLM 0.27's wording on the proxy worker")
    func proxyOverflow() async throws {
        try await H.with(small(.proxy)) { sim in
            // "Hi" costs 1 (BOS) + 1 + 4 (template) = 6 tokens.
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 60])])))
            #expect(reply.jobStatus == "FAILED")
            let expected =
                #"{'message': 'vLLM returned HTTP 400: {"error":{"message":"You passed 6 input tokens and requested 60 output tokens. However, the model\'s context length is only 64 tokens, resulting in a maximum input length of 4 tokens. Please reduce the length of the input prompt. (parameter=input_tokens, value=6)","type":"BadRequestError","param":"input_tokens","code":400}}', 'type': 'worker_error', 'code': None}"#
            #expect(reply.json?["error"] == .string(expected))
            let long = try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 100])])))
            #expect(
                long.json?["error"]?.stringValue?.contains(
                    "max_tokens=100 cannot be greater than max_model_len=max_total_tokens=64. Please request fewer output tokens. (parameter=max_tokens, value=100)"
                ) == true)
            #expect(
                try await sim.post("runsync", H.envelope(H.chat("Hi", ["sampling_params": .object(["max_tokens": 58])]))).jobStatus == "COMPLETED")
        }
    }

    @Test("the legacy worker's OpenAI route answers the older wording")
    func legacyOverflow() async throws {
        try await H.with(small(.legacy)) { sim in
            let body: JSONValue = .object(["messages": [.object(["role": "user", "content": "Hi"])], "max_tokens": 60])
            let reply = try await sim.post("runsync", H.envelope(.object(["openai_route": "/v1/chat/completions", "openai_input": body])))
            let expected =
                #"{'message': "This model's maximum context length is 64 tokens. However, you requested 66 tokens (6 in the messages, 60 in the completion). Please reduce the length of the messages or completion.", 'type': 'BadRequestError', 'param': None, 'code': 400}"#
            #expect(reply.json?["error"] == .string(expected))
        }
    }

    @Test("a chat without max_tokens may fill the rest of the context")
    func remainingContext() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy, maxModelLen: 300)) { sim in
            let reply = try await sim.post("runsync", H.envelope(H.chat("Hi")))
            let prompt = try #require(reply.json?["output"]?[0]?["usage"]?["prompt_tokens"]?.intValue)
            #expect(sim.server.jobs.first?.sampling?.maxTokens == 300 - prompt)
        }
    }

    @Test("/v1/models lists max_model_len, through the job API's bare openai_route and the OpenAI route")
    func models() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: .proxy, maxModelLen: 2048)) { sim in
            let job = try await sim.post("runsync", H.envelope(.object(["openai_route": "/v1/models"])))
            #expect(job.jobStatus == "COMPLETED")
            let model = try #require(job.json?["output"]?[0]?["data"]?[0])
            #expect(model["max_model_len"] == 2048 && model["id"] == "podchat/simulated-model" && model["object"] == "model")
            let route = try await sim.get("openai/v1/models")
            #expect(route.json?["data"]?[0]?["max_model_len"] == 2048)
            let bare = try await sim.post("runsync", H.envelope(.object(["openai_route": "/v1/chat/completions"])))
            let expected = #"{'message': 'vLLM returned HTTP 405: {"detail":"Method Not Allowed"}', 'type': 'worker_error', 'code': None}"#
            #expect(bare.json?["error"] == .string(expected))
        }
    }
}
