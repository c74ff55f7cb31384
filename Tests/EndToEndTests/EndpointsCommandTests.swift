import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `podchat endpoints` and `--endpoint NAME`, the real binary, against two simulators named in
/// one config, beside an endpoint nothing listens at.
@Suite(.serialized) struct EndpointsCommandTests {
    /// Two simulators serving different models, and a home whose config names them, the
    /// Runpod one as the default, plus `dead`, a loopback port nothing answers on.
    private struct Setup {
        let runpod: SimulatorServer
        let openAI: SimulatorServer
        let environment: [String: String]

        static func start() async throws -> Setup {
            let runpod = try await SimulatorServer.start(
                port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy, servedModel: "model-a", maxModelLen: 4096))
            let openAI = try await SimulatorServer.start(
                port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy, servedModel: "model-b", maxModelLen: 8192))
            let home = try Executables.temporaryDirectory()
            try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
            let config: JSONValue = .object([
                "default_endpoint": .string("qwen"),
                "endpoints": .object([
                    "qwen": .object(["endpoint_url": .string(runpod.endpointURL(id: "q"))]),
                    "local": .object(["openai_base_url": .string(openAI.endpointURL(id: "o") + "/openai/v1")]),
                    "dead": .object(["endpoint_url": .string("http://127.0.0.1:1/v2/x"), "timeouts": .object(["request_seconds": .number(5)])]),
                ]),
            ])
            try Data(config.encodedText.utf8).write(to: URL(fileURLWithPath: home + "/podchat/config.json"))
            return Setup(runpod: runpod, openAI: openAI, environment: Executables.isolatedEnvironment(configHome: home))
        }

        func stop() async {
            try? await runpod.stop()
            try? await openAI.stop()
        }

        func podchat(_ arguments: [String]) async throws -> ChildProcess.Outcome {
            try await ChildProcess.run([Executables.podchat] + arguments, environment: environment)
        }
    }

    @Test func listsEachEndpointsHealthAndModelAndTheFailingOneStillLeavesTheOthers() async throws {
        let setup = try await Setup.start()
        let outcome = try await setup.podchat(["endpoints", "--json"])
        await setup.stop()
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let list = try #require(JSONValue(parsing: outcome.standardOutput)?["endpoints"]?.arrayValue)
        let byName = Dictionary(uniqueKeysWithValues: list.compactMap { entry in entry["name"]?.stringValue.map { ($0, entry) } })
        #expect(list.count == 3)
        let qwen = try #require(byName["qwen"])
        #expect(qwen["default"] == .bool(true))
        #expect(qwen["kind"] == .string("runpod"))
        #expect(qwen["model"] == .string("model-a"))
        #expect(qwen["context_length"]?.intValue == 4096)
        #expect(qwen["health"]?["jobs_in_queue"]?.intValue != nil)
        #expect(qwen["error"] == .null)
        let local = try #require(byName["local"])
        #expect(local["default"] == .bool(false))
        #expect(local["kind"] == .string("openai"))
        #expect(local["model"] == .string("model-b"))
        #expect(local["context_length"]?.intValue == 8192)
        #expect(local["health"] == .null)
        let dead = try #require(byName["dead"])
        #expect(dead["error"]?.stringValue?.isEmpty == false)
        #expect(setup.runpod.requests.contains { $0.path.hasSuffix("/v2/q/health") })
        #expect(setup.runpod.requests.contains { $0.path.hasSuffix("/v2/q/openai/v1/models") })
    }

    @Test func theTextListingMarksTheDefaultAndShowsTheFailure() async throws {
        let setup = try await Setup.start()
        let outcome = try await setup.podchat(["endpoints"])
        await setup.stop()
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("* qwen  runpod  http://127.0.0.1:") })
        #expect(lines.contains { $0.hasPrefix("  local  openai  http://127.0.0.1:") })
        #expect(lines.contains { $0.contains("model model-a · context 4096") && $0.contains("queue ") })
        #expect(lines.contains { $0.contains("model model-b · context 8192") })
        #expect(lines.contains { $0.hasPrefix("    error: ") })
    }

    @Test func offlineAsksNothing() async throws {
        let setup = try await Setup.start()
        let outcome = try await setup.podchat(["endpoints", "--offline"])
        await setup.stop()
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(outcome.standardOutput.split(separator: "\n").count == 3)
        #expect(setup.runpod.requests.isEmpty && setup.openAI.requests.isEmpty)
    }

    @Test func endpointNameSendsTheQuestionToThatEndpointAndTheDefaultOtherwise() async throws {
        let setup = try await Setup.start()
        let named = try await setup.podchat(["ask", "--endpoint", "local", "to the named one"])
        let unnamed = try await setup.podchat(["ask", "to the default"])
        await setup.stop()
        #expect(named.status == 0, "stderr: \(named.standardError)")
        #expect(unnamed.status == 0, "stderr: \(unnamed.standardError)")
        #expect(setup.openAI.requests.contains { $0.path.hasSuffix("/v2/o/openai/v1/chat/completions") })
        #expect(setup.runpod.requests.contains { $0.path.hasSuffix("/v2/q/run") })
        #expect(!setup.runpod.requests.contains { $0.path.contains("/openai/") })
    }
}
