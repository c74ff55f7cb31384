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
}
