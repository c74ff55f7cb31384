import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `podchat ask`, the real binary, against the simulator playing today's proxy worker
/// (worker-vllm ≥ v2.24 in front of vLLM's OpenAI server): the model's own defaults, thinking,
/// log probabilities, lost chunks, wrapped errors and a gateway that loses its answer.
@Suite(.serialized) struct AskProxyWorkerTests {
    private struct Outcome {
        let status: Int32
        let standardOutput: String
        let standardError: String
        var json: JSONValue? { JSONValue(parsing: standardOutput) }
    }

    private static func ask(
        _ arguments: [String], simulator: SimulatorServer, url: String? = nil, home: String? = nil, command: String = "ask"
    ) async throws -> Outcome {
        let home = try home ?? Executables.temporaryDirectory()
        let endpoint = url.map { ["--openai-base-url", $0] } ?? ["--endpoint-url", simulator.endpointURL(id: "proxy")]
        let outcome = try await ChildProcess.run(
            [Executables.podchat] + command.split(separator: " ").map(String.init) + endpoint + arguments,
            environment: Executables.isolatedEnvironment(configHome: home))
        return Outcome(status: outcome.status, standardOutput: outcome.standardOutput, standardError: outcome.standardError)
    }

    private static func simulator() async throws -> SimulatorServer {
        try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
    }

    @Test func aSetValueIsSentEvenAtTheDocumentedDefaultAndUnsetOnesTakeTheModels() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let set = try await Self.ask(["--set", "temperature=1", "[[sim:params]] hi"], simulator: simulator)
        #expect(set.status == 0, "\(set.standardError)")
        #expect(set.standardOutput.hasPrefix("[temperature=1.0 top_p=0.95 top_k=20"))
        let unset = try await Self.ask(["[[sim:params]] hi"], simulator: simulator)
        #expect(unset.standardOutput.hasPrefix("[temperature=0.6 top_p=0.95 top_k=20"))
    }

    @Test func theAnswerAloneGoesToStandardOutputAndThinkingOnlyWhenAsked() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let plain = try await Self.ask(["[[sim:think=30]] why?"], simulator: simulator)
        let json = try #require(try await Self.ask(["--json", "[[sim:think=30]] why?"], simulator: simulator).json)
        let reasoning = try #require(json["choices"]?.arrayValue?.first?["reasoning"]?.stringValue)
        let answer = try #require(json["choices"]?.arrayValue?.first?["text"]?.stringValue)
        #expect(!reasoning.isEmpty && !answer.isEmpty)
        #expect(json["reasoning"]?.stringValue == reasoning)
        #expect(json["worker_generation"] == "proxy")
        #expect(plain.status == 0)
        #expect(plain.standardOutput == answer + (answer.hasSuffix("\n") ? "" : "\n"))
        #expect(!plain.standardError.contains(reasoning))
        let shown = try await Self.ask(["--show-reasoning", "[[sim:think=30]] why?"], simulator: simulator)
        #expect(shown.standardError.contains(reasoning))
        #expect(shown.standardOutput == plain.standardOutput)
    }

    @Test func aReplyThatRunsOutWhileThinkingSaysSo() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await Self.ask(["--set", "max_tokens=8", "[[sim:think=50]] why?"], simulator: simulator)
        #expect(outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(outcome.standardError.contains("the model used all 8 tokens thinking and never answered: raise max_tokens"))
    }

    @Test func logprobsAreAskedForInTheChatShapeAndComeBackPerToken() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await Self.ask(["--json", "--set", "logprobs=2", "hi"], simulator: simulator)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let run = try #require(simulator.requests.first { $0.path.hasSuffix("/run") })
        #expect(run.json?["input"]?["sampling_params"]?["logprobs"] == .bool(true))
        #expect(run.json?["input"]?["sampling_params"]?["top_logprobs"] == 2)
        let tokens = try #require(outcome.json?["choices"]?.arrayValue?.first?["logprobs"]?.arrayValue)
        #expect(!tokens.isEmpty)
        #expect(tokens.first?["top_logprobs"]?.arrayValue?.count == 2)
        let text = try #require(outcome.json?["text"]?.stringValue)
        #expect(tokens.compactMap { $0["token"]?.stringValue }.joined() == text)
    }

    @Test func aPromptWithTheChatTemplateIsSentAsMessages() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await Self.ask(["--prompt-mode", "--apply-chat-template", "[[sim:params]] hi"], simulator: simulator)
        #expect(outcome.standardOutput.contains("prompt=chat-templated"))
        let run = try #require(simulator.requests.first { $0.path.hasSuffix("/run") })
        #expect(run.json?["input"]?["messages"] != nil)
        #expect(run.json?["input"]?["prompt"] == nil)
    }

    @Test func aLostStreamChunkIsRepairedFromTheFinalOutput() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let whole = try #require(try await Self.ask(["--json", "tell me a story"], simulator: simulator).json?["text"]?.stringValue)
        let repaired = try #require(try await Self.ask(["--json", "tell me a story [[sim:dropchunk]]"], simulator: simulator).json)
        #expect(repaired["text"]?.stringValue == whole)
        #expect(repaired["repaired"] == .bool(true))
        let streamed = try await Self.ask(["tell me a story [[sim:dropchunk]]"], simulator: simulator)
        #expect(streamed.standardOutput.hasSuffix(whole + (whole.hasSuffix("\n") ? "" : "\n")))
    }

    @Test func aTracebackShowsItsFirstLineAndKeepsTheWholeInTheJSON() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let plain = try await Self.ask(["boom [[sim:traceback]]"], simulator: simulator)
        #expect(plain.status == 1)
        #expect(!plain.standardError.contains("Traceback"))
        #expect(plain.standardError.split(separator: "\n").count == 1)
        let json = try await Self.ask(["--json", "boom [[sim:traceback]]"], simulator: simulator)
        #expect(json.json?["error_detail"]?.stringValue?.contains("Traceback (most recent call last)") == true)
        #expect(json.json?["error"]?.stringValue?.contains("Traceback") == false)
    }

    @Test func anIntegerLogprobsOnChatWouldFailButPodchatSendsTheRightShape() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await Self.ask(["--set", "logprobs=3", "hi"], simulator: simulator)
        #expect(outcome.status == 0, "\(outcome.standardError)")
    }

    @Test func aGatewayThatLosesItsAnswerIsNeverAskedTwice() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let url = "http://127.0.0.1:\(simulator.port)/v2/proxy/openai/v1"
        let outcome = try await Self.ask(["hi [[sim:gateway502]]"], simulator: simulator, url: url)
        #expect(outcome.status == 1)
        #expect(simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/chat/completions") }.count == 1)
        #expect(outcome.standardError.contains("may"), "it says the server may have run the request: \(outcome.standardError)")
    }

    @Test func theWorkerGenerationIsRememberedSoTheNextRunAsksForUsage() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let first = try await Self.ask(["--json", "hi"], simulator: simulator, home: home)
        #expect(first.json?["worker_generation"] == "proxy")
        #expect(first.json?["usage"] == nil, "an unknown worker is not asked for streamed usage")
        let second = try await Self.ask(["--json", "hi"], simulator: simulator, home: home)
        #expect(second.json?["usage"]?["completion_tokens"]?.intValue ?? 0 > 0)
        let runs = simulator.requests.filter { $0.path.hasSuffix("/run") }
        #expect(runs.last?.json?["input"]?["sampling_params"]?["stream_options"] == .object(["include_usage": true]))
        let memory = try String(contentsOfFile: home + "/.local/state/podchat/endpoints.json", encoding: .utf8)
        #expect(memory.contains("\"worker_generation\":\"proxy\""))
        let health = try await Self.ask([], simulator: simulator, home: home, command: "jobs health")
        #expect(health.json?["worker_generation"] == "proxy", "\(health.standardError)")
    }

    @Test func anUnreadableMemoryFileIsLeftAsItIs() async throws {
        let simulator = try await Self.simulator()
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let directory = home + "/.local/state/podchat"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "{not json".write(toFile: directory + "/endpoints.json", atomically: true, encoding: .utf8)
        let outcome = try await Self.ask(["hi"], simulator: simulator, home: home)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try String(contentsOfFile: directory + "/endpoints.json", encoding: .utf8) == "{not json")
    }

    @Test func aRequestLongerThanTheContextSaysWhatToDo() async throws {
        let simulator = try await SimulatorServer.start(
            port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy, maxModelLen: 512))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await Self.ask(["--json", "--set", "max_tokens=1024", "hi"], simulator: simulator)
        #expect(outcome.status == 1)
        let message = try #require(outcome.json?["error"]?.stringValue)
        #expect(message.contains("max_tokens"), "\(message)")
        #expect(!message.contains("vLLM returned HTTP"), "the wrapper is gone: \(message)")
        #expect(outcome.json?["error_detail"]?.stringValue?.contains("max_model_len") == true)
    }
}
