import Foundation
import Glibc
import PodchatTestSupport
import Testing

/// Bad config files and bad flags, through the real binary: one line on standard error that
/// names the file or the flag, what is wrong and the fix, and the documented exit status.
@Suite struct ConfigInputTests {
    private static let setpriv = "/usr/bin/setpriv"

    /// Runs podchat with `arguments`; `config`, when given, is written to a file whose path
    /// replaces `CONFIG` in the arguments.
    private func podchat(_ arguments: [String], config: String? = nil) async throws -> (ChildProcess.Outcome, path: String) {
        let home = try Executables.temporaryDirectory()
        let path = home + "/config.json"
        if let config { try Data(config.utf8).write(to: URL(fileURLWithPath: path)) }
        let outcome = try await ChildProcess.run(
            [Executables.podchat] + arguments.map { $0 == "CONFIG" ? path : $0 },
            environment: Executables.isolatedEnvironment(configHome: home))
        return (outcome, path)
    }

    private func expectOneLine(_ outcome: ChildProcess.Outcome, status: Int32, _ expected: String) {
        #expect(outcome.status == status, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError == expected + "\n")
    }

    @Test func aFileThatIsNotJSONSaysWhere() async throws {
        let (outcome, path) = try await podchat(["ask", "--config", "CONFIG", "hi"], config: "{\n  \"mode\": \"chat\"\n  \"model\": \"m\"\n}")
        expectOneLine(
            outcome, status: 2,
            "podchat: \(path): is not valid JSON: unexpected \"\"\" where a , or } should be at line 3, column 3; compare it with config.example.json"
        )
    }

    @Test func aWrongTypeNamesTheKeyAndWhatItMustBe() async throws {
        let (outcome, path) = try await podchat(["ask", "--config", "CONFIG", "hi"], config: #"{"allow_insecure_http": "yes"}"#)
        expectOneLine(outcome, status: 2, "podchat: \(path): \"allow_insecure_http\" must be true or false")
    }

    @Test func anUnknownKeyIsAWarningWithTheLikelyKeyAndPodchatCarriesOn() async throws {
        let (outcome, path) = try await podchat(["ask", "--config", "CONFIG", "hi"], config: #"{"endpoint_ulr": "", "temperature": 0.2}"#)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.contains("podchat: warning: \(path): unknown key \"endpoint_ulr\" (ignored); did you mean \"endpoint_url\"?"))
        #expect(
            lines.contains(
                "podchat: warning: \(path): unknown key \"temperature\" (ignored); sampling parameters go inside \"sampling\": {\"temperature\": …}"))
    }

    @Test func jobsWithoutAnEndpointSaysHowToGiveOne() async throws {
        let (outcome, path) = try await podchat(["jobs", "health", "--config", "CONFIG"], config: "{}")
        expectOneLine(
            outcome, status: 2,
            "podchat: jobs needs a Runpod endpoint: pass --endpoint NAME (one of the config's \"endpoints\") "
                + "or --endpoint ID or --endpoint-url URL, or set \"endpoint_id\" in \(path)")
    }

    @Test func aMissingConfigGivenByFlagIsNamed() async throws {
        let (outcome, path) = try await podchat(["ask", "--config", "CONFIG", "hi"])
        expectOneLine(outcome, status: 2, "podchat: \(path): does not exist: check the path given to --config")
    }

    @Test func aDirectoryWhereTheConfigShouldBeIsNamed() async throws {
        let home = try Executables.temporaryDirectory()
        let path = home + "/podchat/config.json"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let outcome = try await ChildProcess.run(
            [Executables.podchat, "ask", "hi"], environment: Executables.isolatedEnvironment(configHome: home))
        expectOneLine(
            outcome, status: 2, "podchat: \(path): is a directory, not a file: podchat expects a JSON config file here (see config.example.json)")
    }

    @Test(.enabled(if: getuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv), "root reads any file, and setpriv is missing"))
    func anUnreadableConfigSaysHowToFixIt() async throws {
        let home = try Executables.temporaryDirectory()
        let path = home + "/config.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        // Root reads any file whatever its mode, so as root podchat runs as nobody here.
        let prefix = getuid() == 0 ? [Self.setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let outcome = try await ChildProcess.run(
            prefix + [Executables.podchat, "ask", "--config", path, "hi"], environment: Executables.isolatedEnvironment(configHome: home))
        expectOneLine(outcome, status: 2, "podchat: \(path): cannot be read (permission denied): run chmod 600 \(path) as its owner")
    }

    @Test(arguments: [
        (["--endpoint-url", "ftp://example.com/v2/x"], "podchat: --endpoint-url: must start with http:// or https://"),
        (["--endpoint-url", "http://user:pw@example.com/v2/x"], "podchat: --endpoint-url: must not contain a user name or password"),
        (["--openai-base-url", "http://example.com:99999/v1"], "podchat: --openai-base-url: must have a port from 1 to 65535"),
        (["--endpoint", "https://api.runpod.ai/v2/abc"], "podchat: --endpoint: may hold only letters, digits, - and _"),
    ])
    func aBadEndpointFlagIsNamedWithoutEchoingIt(arguments: [String], expectedPrefix: String) async throws {
        let (outcome, _) = try await podchat(["ask"] + arguments + ["hi"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.hasPrefix(expectedPrefix), "\(outcome.standardError)")
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(!outcome.standardError.contains("pw@"))
    }

    @Test(arguments: [
        (["--endpoint-url", ""], "Error: --endpoint-url needs a value"),
        (["--config", " "], "Error: --config needs a value"),
        (["--set", "temperature"], "Error: --set temperature: write NAME=VALUE"),
        (["--set", "warmth=1"], "Error: --set warmth=1: warmth is not a sampling parameter"),
        (["--set", "max_tokens=-5"], "Error: --set max_tokens=-5: max_tokens must be"),
        (["--input-format", "xml"], "Error: The value 'xml' is invalid for '--input-format <format>'"),
    ])
    func aBadFlagValueIsAUsageError(arguments: [String], expectedStart: String) async throws {
        let (outcome, _) = try await podchat(["ask"] + arguments + ["hi"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.hasPrefix(expectedStart), "\(outcome.standardError)")
    }
}
