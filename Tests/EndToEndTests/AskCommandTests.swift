import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `podchat ask`, the real binary, against the simulator over loopback HTTP.
@Suite(.serialized) struct AskCommandTests {
    @Test func printsTheStreamedReplyAndSendsARunpodJob() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(2)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(id: "e2e"), "Hello from the test"],
            environment: Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": "test-key-123"]))
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Hello from the test"))
        #expect(!outcome.standardError.contains("test-key-123"))
        let run = try #require(simulator.requests.first { $0.method == "POST" && $0.path.hasSuffix("/v2/e2e/run") })
        #expect(run.headers.contains { $0.0.lowercased() == "authorization" && $0.1 == "Bearer test-key-123" })
        let input = try #require(run.json?["input"])
        #expect(input["stream"] == .bool(true))
        #expect(input["messages"]?.arrayValue?.last?["content"]?.stringValue == "Hello from the test")
        #expect(input["sampling_params"]?["max_tokens"]?.intValue == 1024)
        #expect(simulator.requests.contains { $0.path.contains("/stream/") })
    }

    @Test func writesTextBeforeTheReplyHasFinished() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(40)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let child = try ChildProcess(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "Stream slowly please"],
            environment: Executables.isolatedEnvironment(configHome: home))
        var sawPartialOutput = false
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while child.isRunning && ContinuousClock.now < deadline {
            if !child.standardOutputSoFar.isEmpty { sawPartialOutput = true; break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let outcome = await child.wait()
        #expect(sawPartialOutput, "no output appeared while the reply was still streaming")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.count > child.standardOutputSoFar.count / 2)
    }

    @Test func readsTheQuestionFromStandardInput() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL()],
            environment: Executables.isolatedEnvironment(configHome: home), input: "piped question")
        #expect(outcome.status == 0)
        let run = try #require(simulator.requests.first { $0.path.hasSuffix("/run") })
        #expect(run.json?["input"]?["messages"]?.arrayValue?.last?["content"]?.stringValue == "piped question")
    }

    @Test func aFailedJobExitsNonZeroWithTheReasonOnStandardError() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "please [[sim:fail]]"],
            environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status != 0)
        #expect(outcome.standardError.hasPrefix("podchat: "))
    }

    @Test func demoModeNeedsNoConfigurationAndNoKey() async throws {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "Are you there?"], environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("demo mode"))
        #expect(!outcome.standardOutput.isEmpty)
    }

    @Test func aBrokenConfigNamesTheFileAndTheProblem() async throws {
        let home = try Executables.temporaryDirectory()
        let path = home + "/broken.json"
        try Data(#"{"sampling": {"temperature": "hot"}}"#.utf8).write(to: URL(fileURLWithPath: path))
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--config", path, "hi"], environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains(path))
        #expect(outcome.standardError.contains("sampling.temperature"))
    }

    @Test func aRemoteEndpointWithoutAKeySaysWhichVariableToSet() async throws {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint", "abc123", "hi"], environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("RUNPOD_API_KEY"))
    }

    private func ask(_ arguments: [String], simulator: SimulatorServer) async throws -> ChildProcess.Outcome {
        let home = try Executables.temporaryDirectory()
        return try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL()] + arguments,
            environment: Executables.isolatedEnvironment(configHome: home))
    }

    @Test func jsonReportsTheTextUsageJobAndTimings() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(2)))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--json", "Report please"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let report = try #require(JSONValue(parsing: outcome.standardOutput))
        #expect(report["status"] == "COMPLETED")
        #expect(report["finish_reason"] == "stop")
        #expect(report["job_id"]?.stringValue?.isEmpty == false)
        #expect(report["text"]?.stringValue?.contains("Report please") == true)
        #expect(report["choices"]?.arrayValue?.count == 1)
        #expect((report["usage"]?["completion_tokens"]?.intValue ?? 0) > 0)
        #expect(report["delay_time_ms"]?.numberValue != nil)
        #expect(report["execution_time_ms"]?.numberValue != nil)
        #expect(report["time_to_first_token_ms"]?.numberValue != nil)
        #expect(report["tokens_per_second"]?.numberValue != nil)
    }

    @Test func flagsShapeTheJobInput() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(
            [
                "--set", "temperature=0.2", "--set", "stop=END", "--set", "seed=7", "--system", "Be terse",
                "--prompt-mode", "--apply-chat-template", "--no-stream", "Shape this",
            ],
            simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let input = try #require(simulator.requests.first { $0.path.hasSuffix("/run") }?.json?["input"])
        // The proxy worker ignores apply_chat_template, so a templated prompt goes as a message.
        #expect(input["messages"] == .array([.object(["role": "user", "content": "Be terse\n\nShape this"])]))
        #expect(input["prompt"] == nil)
        #expect(input["apply_chat_template"] == nil)
        #expect(input["stream"] == .bool(false))
        #expect(input["sampling_params"]?["temperature"] == .number(0.2))
        #expect(input["sampling_params"]?["stop"] == .array(["END"]))
        #expect(input["sampling_params"]?["seed"] == .number(7))
        #expect(!outcome.standardOutput.isEmpty)
    }

    @Test func anInvalidParameterIsRefusedBeforeAnythingIsSent() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--set", "temperature=9", "hi"], simulator: simulator)
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("temperature must be a number in 0.00…2.00"))
        #expect(simulator.requests.isEmpty)
    }

    @Test func runsyncSubmitsThroughRunsync() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--runsync", "Synchronous please"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Synchronous please"))
        #expect(simulator.requests.contains { $0.path.contains("/runsync") })
        #expect(!simulator.requests.contains { $0.path.hasSuffix("/run") })
    }

    @Test func severalChoicesArePrintedLabelled() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--set", "n=2", "Two answers"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("--- choice 1 of 2 ---"))
        #expect(outcome.standardOutput.contains("--- choice 2 of 2 ---"))
    }

    @Test func jobsHealthPrintsTheEndpointsCounts() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "jobs", "health", "--endpoint-url", simulator.endpointURL()],
            environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let health = try #require(JSONValue(parsing: outcome.standardOutput))
        #expect(health["jobs"]?["inQueue"]?.intValue == 0)
        #expect(health["workers"] != nil)
    }

    @Test func talksToAnOpenAICompatibleServer() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--openai-base-url", simulator.endpointURL() + "/openai/v1", "--json", "Through OpenAI"],
            environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let report = try #require(JSONValue(parsing: outcome.standardOutput))
        #expect(report["text"]?.stringValue?.contains("Through OpenAI") == true)
        #expect(simulator.requests.contains { $0.path.hasSuffix("/openai/v1/chat/completions") })
        #expect(!simulator.requests.contains { $0.path.hasSuffix("/run") })
    }

    @Test func theOpenAIInputFormatGoesThroughTheJobAPI() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--input-format", "openai", "Pass me through"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Pass me through"))
        let input = try #require(simulator.requests.first { $0.path.hasSuffix("/run") }?.json?["input"])
        #expect(input["openai_route"] == "/v1/chat/completions")
        #expect(input["openai_input"]?["messages"]?.arrayValue?.last?["content"] == "Pass me through")
    }

    @Test func chatsWithTheSDKsLocalTestServer() async throws {
        let simulator = try await SimulatorServer.start(
            port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), dialect: .sdkLocalServer))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.baseURL, "Local test server"],
            environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Local test server"))
        #expect(simulator.requests.contains { $0.method == "POST" && $0.path.hasPrefix("/stream/") })
    }
}
