import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `podchat ask --dry-run`, the real binary: the `curl` command it prints, run by a shell, is
/// the request `ask` sends, and gets the same reply.
@Suite(.serialized) struct AskDryRunTests {
    private let key = "dry-run-key-" + UUID().uuidString

    private func start() async throws -> SimulatorServer {
        try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), requiredAPIKey: key))
    }

    /// `command` run by `sh`, with the key in the environment as the user's shell would have it.
    private func runInShell(_ command: String) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(
            ["/bin/sh", "-c", command],
            environment: Executables.isolatedEnvironment(configHome: try Executables.temporaryDirectory(), extra: ["RUNPOD_API_KEY": key]))
    }

    /// The answer text of a `/runsync` answer from the simulator's (legacy) worker: each
    /// `output` item carries its tokens as `choices[0].tokens`.
    private static func text(ofRunSyncAnswer answer: String) throws -> String {
        let output = try #require(JSONValue(parsing: answer)?["output"]?.arrayValue)
        return output.flatMap { $0["choices"]?.arrayValue?.first?["tokens"]?.arrayValue ?? [] }.compactMap(\.stringValue).joined()
    }

    @Test func theRunSyncCommandGetsTheReplyAskGetsAndSendsTheSameBytes() async throws {
        let simulator = try await start()
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let environment = Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": key])
        let question = "It's \"$HOME\" `date` — ünïcödé\nsecond line"
        let arguments = [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "--runsync", "--set", "seed=11", question]

        let dryRun = try await ChildProcess.run(arguments.prefix(2) + ["--dry-run"] + arguments.dropFirst(2), environment: environment)
        #expect(dryRun.status == 0, "stderr: \(dryRun.standardError)")
        #expect(simulator.requests.isEmpty, "a dry run sends nothing")
        #expect(!dryRun.standardOutput.contains(key) && !dryRun.standardError.contains(key))
        #expect(dryRun.standardOutput.contains(#"-H "Authorization: Bearer $RUNPOD_API_KEY""#))

        let asked = try await ChildProcess.run(arguments, environment: environment)
        #expect(asked.status == 0, "stderr: \(asked.standardError)")
        let curl = try await runInShell(dryRun.standardOutput)
        #expect(curl.status == 0, "stderr: \(curl.standardError)")

        let posts = simulator.requests.filter { $0.method == "POST" && $0.path.contains("/runsync") }
        try #require(posts.count == 2)
        #expect(posts[0].path == posts[1].path)
        #expect(posts[0].body == posts[1].body, "curl sent other bytes than ask")
        let reply = try Self.text(ofRunSyncAnswer: curl.standardOutput)
        #expect(!reply.isEmpty, "curl: \(curl.standardOutput.prefix(600))")
        #expect(asked.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == reply.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func theRunCommandSubmitsTheJobAskSubmits() async throws {
        let simulator = try await start()
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let environment = Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": key])
        let arguments = ["ask", "--endpoint-url", simulator.endpointURL(), "--set", "temperature=0.3", "Hello 'there'"]

        let dryRun = try await ChildProcess.run([Executables.podchat, "ask", "--dry-run"] + arguments.dropFirst(), environment: environment)
        #expect(dryRun.status == 0, "stderr: \(dryRun.standardError)")
        #expect(dryRun.standardError.contains("/stream/"), "it says what follows the submission")
        let curl = try await runInShell(dryRun.standardOutput)
        #expect(JSONValue(parsing: curl.standardOutput)?["id"]?.stringValue != nil, "curl: \(curl.standardOutput) \(curl.standardError)")
        _ = try await ChildProcess.run([Executables.podchat] + arguments, environment: environment)

        let runs = simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/run") }
        try #require(runs.count == 2)
        #expect(runs[0].body == runs[1].body)
        #expect(runs.allSatisfy { $0.header("authorization") == "Bearer \(key)" })
    }

    @Test func inDemoModeItSaysTheSimulatorRunsOnlyInsidePodchat() async throws {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--dry-run", "Hi"], environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.hasPrefix("curl -sS"))
        #expect(!outcome.standardOutput.contains("Authorization"), "demo mode has no key")
        #expect(outcome.standardError.contains("runs only while a podchat command does"))
    }

    @Test func aDryRunCannotCompare() async throws {
        let home = try Executables.temporaryDirectory()
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "--dry-run", "--compare", "temperature=0.1", "temperature=1", "Hi"],
            environment: Executables.isolatedEnvironment(configHome: home))
        #expect(outcome.status != 0)
        #expect(outcome.standardError.contains("--dry-run shows one request"))
    }
}
