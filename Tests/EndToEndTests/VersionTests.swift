import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import PodchatVersion
import Testing

/// `podchat --version`, and the same version in every `--json` answer.
@Suite struct VersionTests {
    /// What every `--json` answer carries as `podchat`.
    private static let stamp: JSONValue = .object(["version": .string(PodchatVersion.number), "commit": .string(PodchatVersion.commit)])

    @Test func versionNamesTheReleaseAndTheCommitBuilt() async throws {
        let outcome = try await ChildProcess.run([Executables.podchat, "--version"], environment: try environment())
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "podchat \(PodchatVersion.number) (\(try await checkedOutCommit()))\n")
        #expect(PodchatVersion.description == "podchat \(PodchatVersion.number) (\(PodchatVersion.commit))")
    }

    @Test func everyJSONAnswerNamesThePodchatThatPrintedIt() async throws {
        let environment = try environment()
        for arguments in [
            ["conversations", "list", "--json"], ["conversations", "search", "soup", "--json"], ["usage", "--json"],
            ["endpoints", "--offline", "--json"],
        ] {
            let outcome = try await ChildProcess.run([Executables.podchat] + arguments, environment: environment)
            #expect(outcome.status == 0, "\(arguments): \(outcome.standardError)")
            #expect(JSONValue(parsing: outcome.standardOutput)?["podchat"] == Self.stamp, "\(arguments): \(outcome.standardOutput)")
        }
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        for extra in [[], ["--compare", "temperature=0.2", "temperature=1.2"]] {
            let arguments = [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "--json"] + extra + ["hi"]
            let outcome = try await ChildProcess.run(arguments, environment: environment)
            #expect(outcome.status == 0, "\(extra): \(outcome.standardError)")
            #expect(JSONValue(parsing: outcome.standardOutput)?["podchat"] == Self.stamp, "\(extra): \(outcome.standardOutput)")
        }
    }

    private func environment() throws -> [String: String] {
        Executables.isolatedEnvironment(configHome: try Executables.temporaryDirectory())
    }

    /// The package's checked-out commit as git tells it, or `unknown` where git cannot, which is
    /// what the build must have baked in.
    private func checkedOutCommit() async throws -> String {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
        let git = try await ChildProcess.run(
            ["/usr/bin/env", "git", "-C", package, "rev-parse", "--short", "HEAD"], environment: ProcessInfo.processInfo.environment)
        return git.status == 0 ? git.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
    }
}
