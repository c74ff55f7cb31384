import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The API key, end to end through the real binary: it reaches the endpoint, and nothing else.
/// Each test uses a distinctive key and then searches every output and every file podchat
/// could have written for it.
@Suite(.serialized) struct SecretHandlingTests {
    /// A key no output could contain by chance.
    private let key = "rpa_LEAK_CANARY_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")

    private func start(requiring requiredKey: String) async throws -> SimulatorServer {
        try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), requiredAPIKey: requiredKey))
    }

    private func run(_ arguments: [String], environment: [String: String]) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run([Executables.podchat] + arguments, environment: environment)
    }

    /// The files under `directory` (recursively) and which of them contain the key.
    private func scan(_ directory: String) throws -> (files: [String], leaking: [String]) {
        let names = FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? []
        var files: [String] = []
        var leaking: [String] = []
        for name in names {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(name)
            if try Data(contentsOf: URL(fileURLWithPath: path)).range(of: Data(key.utf8)) != nil { leaking.append(name) }
        }
        return (files, leaking)
    }

    private func expectNoKey(in outcomes: [String: ChildProcess.Outcome]) {
        for (flow, outcome) in outcomes {
            #expect(!outcome.standardOutput.contains(key), "the key is on standard output of \(flow)")
            #expect(!outcome.standardError.contains(key), "the key is on standard error of \(flow)")
        }
    }

    private func waitForFile(_ path: String) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while !FileManager.default.fileExists(atPath: path) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(30))
        }
        #expect(FileManager.default.fileExists(atPath: path), "\(path) was never written")
    }

    @Test func theKeyIsInNoOutputAndNoFileOfAnyFlow() async throws {
        let simulator = try await start(requiring: key)
        let strict = try await start(requiring: "a-key-podchat-does-not-have")
        defer {
            Task {
                try? await simulator.stop()
                try? await strict.stop()
            }
        }
        let home = try Executables.temporaryDirectory()
        let environment = Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": key])
        let url = simulator.endpointURL()
        var outcomes: [String: ChildProcess.Outcome] = [:]

        let reply = try await run(["ask", "--endpoint-url", url, "--json", "Remember the word avocado"], environment: environment)
        outcomes["ask --json"] = reply
        #expect(reply.status == 0, "stderr: \(reply.standardError)")
        let jobID = try #require(JSONValue(parsing: reply.standardOutput)?["job_id"]?.stringValue)
        outcomes["ask, key revoked mid-job"] = try await run(
            ["ask", "--endpoint-url", url, "--json", "Revoke me [[sim:http401]]"], environment: environment)
        outcomes["ask, key rejected"] = try await run(
            ["ask", "--endpoint-url", strict.endpointURL(), "--json", "Who am I?"], environment: environment)
        outcomes["ask --runsync"] = try await run(["ask", "--endpoint-url", url, "--runsync", "Synchronous"], environment: environment)
        outcomes["ask, OpenAI route"] = try await run(
            ["ask", "--openai-base-url", url + "/openai/v1", "--json", "Via OpenAI"], environment: environment)
        outcomes["jobs status"] = try await run(["jobs", "status", jobID, "--endpoint-url", url], environment: environment)
        outcomes["jobs health"] = try await run(["jobs", "health", "--endpoint-url", url], environment: environment)
        outcomes["ask --dry-run"] = try await run(["ask", "--endpoint-url", url, "--dry-run", "Show me"], environment: environment)
        outcomes["ask --dry-run, OpenAI route"] = try await run(
            ["ask", "--openai-base-url", url + "/openai/v1", "--dry-run", "Show me"], environment: environment)
        for dryRun in ["ask --dry-run", "ask --dry-run, OpenAI route"] {
            #expect(outcomes[dryRun]?.standardOutput.contains(#""Authorization: Bearer $RUNPOD_API_KEY""#) == true, "\(dryRun)")
        }
        for rejected in ["ask, key revoked mid-job", "ask, key rejected"] {
            let outcome = try #require(outcomes[rejected])
            #expect(outcome.status == 1)
            #expect(outcome.standardError.contains("rejected the API key"), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("the environment variable RUNPOD_API_KEY"))
            #expect(JSONValue(parsing: outcome.standardOutput)?["status"] == "FAILED")
        }
        for flow in ["ask --runsync", "ask, OpenAI route", "jobs status", "jobs health", "ask --dry-run", "ask --dry-run, OpenAI route"] {
            #expect(outcomes[flow]?.status == 0, "\(flow): \(outcomes[flow]?.standardError ?? "")")
        }

        // The chat window: a reply, the request inspector and its copied command, both exports,
        // a preset, and the save on quitting.
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", url], home: home, width: 110, height: 32, extraEnvironment: ["RUNPOD_API_KEY": key])
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.acceptClipboardWrites()
        try await terminal.send("Remember the word avocado")
        var screens = [try await terminal.capture()]
        try await terminal.press("F6")
        screens.append(try await terminal.waitForScreen("the inspector") { $0.contains("Authorization: Bearer $RUNPOD_API_KEY") })
        try await terminal.press("c")
        screens.append(try await terminal.waitForScreen("the copy") { $0.contains("Copied the next request") })
        let copied = try await terminal.clipboard()
        #expect(copied.hasPrefix("curl ") && !copied.contains(key), "the copied command holds the key")
        try await terminal.press("Escape")
        try await terminal.waitForScreen("the inspector to close") { !$0.contains("Next request") }
        for (format, file) in [("md", "export.md"), ("json", "export.json")] {
            try await terminal.type("/export \(format) \(home)/\(file)")
            try await terminal.press("Enter")
            try await waitForFile("\(home)/\(file)")
        }
        // /warm's one-token job carries the key like any other, and nothing else does.
        try await terminal.type("/warm")
        try await terminal.press("Enter")
        screens.append(try await terminal.waitForScreen("the warm-up job to answer") { $0.contains("The endpoint is awake") })
        #expect(simulator.jobs.contains { $0.sampling?.maxTokens == 1 }, "no one-token job reached the endpoint")
        try await terminal.type("/preset save canary")
        try await terminal.press("Enter")
        screens.append(try await terminal.waitForScreen("the preset to be saved") { $0.contains("Saved preset canary") })
        try await terminal.press("C-q")
        screens.append(try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") })

        outcomes["usage"] = try await run(["usage"], environment: environment)
        outcomes["usage --json"] = try await run(["usage", "--json"], environment: environment)
        #expect(outcomes["usage --json"]?.standardOutput.contains("\"execution_ms\"") == true)
        expectNoKey(in: outcomes)
        for screen in screens { #expect(!screen.contains(key), "the key is on the screen") }
        let (files, leaking) = try scan(home)
        #expect(leaking.isEmpty, "files holding the key: \(leaking)")
        #expect(files.contains { $0.hasPrefix("podchat/conversations/") && $0.hasSuffix(".json") }, "no conversation was saved: \(files)")
        #expect(files.contains("podchat/presets/canary.json"), "\(files)")
        #expect(files.contains("export.md") && files.contains("export.json"))
        // The key did go where it belongs: every request to the endpoint carried it.
        #expect(!simulator.requests.isEmpty)
        #expect(simulator.requests.allSatisfy { $0.header("authorization") == "Bearer \(key)" })
    }

    @Test func theKeyComesFromACommandOrTheConfigFileAndAReadableFileIsWarnedAbout() async throws {
        let simulator = try await start(requiring: key)
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        // Files the user keeps the key in, outside the directories podchat writes to.
        let secrets = try Executables.temporaryDirectory()
        try Data(key.utf8).write(to: URL(fileURLWithPath: secrets + "/runpod-key"))
        let environment = Executables.isolatedEnvironment(configHome: home)
        var outcomes: [String: ChildProcess.Outcome] = [:]

        let byCommand = home + "/by-command.json"
        try Data(JSONValue.object(["api_key_command": .string("cat '\(secrets)/runpod-key'")]).encodedBytes).write(
            to: URL(fileURLWithPath: byCommand))
        outcomes["api_key_command"] = try await run(
            ["ask", "--config", byCommand, "--endpoint-url", simulator.endpointURL(), "Key by command"], environment: environment)
        #expect(outcomes["api_key_command"]?.status == 0, "\(outcomes["api_key_command"]?.standardError ?? "")")

        let failing = home + "/failing-command.json"
        try Data(JSONValue.object(["api_key_command": .string("cat '\(secrets)/runpod-key'; exit 3")]).encodedBytes).write(
            to: URL(fileURLWithPath: failing))
        let failed = try await run(["ask", "--config", failing, "--endpoint-url", simulator.endpointURL(), "Never sent"], environment: environment)
        outcomes["a failing api_key_command"] = failed
        #expect(failed.status == 2)
        #expect(failed.standardError.hasPrefix("podchat: \(failing): \"api_key_command\" failed with exit status 3 (its output is not shown"))
        #expect(failed.standardError.split(separator: "\n").count == 1)

        let stored = secrets + "/stored-key.json"
        try Data(JSONValue.object(["api_key": .string(key)]).encodedBytes).write(to: URL(fileURLWithPath: stored))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: stored)
        let exposed = try await run(
            ["ask", "--config", stored, "--endpoint-url", simulator.endpointURL(), "Key from the file"], environment: environment)
        outcomes["api_key, readable by others"] = exposed
        #expect(exposed.status == 0, "stderr: \(exposed.standardError)")
        #expect(
            exposed.standardError == "podchat: warning: \(stored) holds an API key (\"api_key\") that other users can read: run chmod 600 \(stored)\n"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: stored)
        let privateFile = try await run(
            ["ask", "--config", stored, "--endpoint-url", simulator.endpointURL(), "Key from the file"], environment: environment)
        outcomes["api_key, private"] = privateFile
        #expect(privateFile.status == 0)
        #expect(privateFile.standardError.isEmpty, "\(privateFile.standardError)")

        expectNoKey(in: outcomes)
        #expect(try scan(home).leaking.isEmpty)
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.count == 3, "the failed command must stop podchat before any request")
        #expect(simulator.requests.allSatisfy { $0.header("authorization") == "Bearer \(key)" })
    }

    /// `127.1` is 127.0.0.1 to the resolver, but podchat accepts only canonical loopback
    /// addresses, so this remote-looking URL exercises the refusal against a real server.
    @Test func theKeyGoesOverPlainHTTPOnlyToThisMachineUnlessAllowed() async throws {
        let simulator = try await start(requiring: key)
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let environment = Executables.isolatedEnvironment(configHome: home, extra: ["RUNPOD_API_KEY": key])
        let url = "http://127.1:\(simulator.port)/v2/e2e"

        let refused = try await run(["ask", "--endpoint-url", url, "Not over plain http"], environment: environment)
        #expect(refused.status == 2)
        #expect(
            refused.standardError.hasPrefix(
                "podchat: --endpoint-url: will not send the API key over plain http:// to 127.1:\(simulator.port), which is not this machine"))
        #expect(refused.standardError.contains("--allow-insecure-http"))
        #expect(refused.standardError.split(separator: "\n").count == 1)
        #expect(simulator.requests.isEmpty)

        let allowed = try await run(["ask", "--endpoint-url", url, "--allow-insecure-http", "Allowed this time"], environment: environment)
        #expect(allowed.status == 0, "stderr: \(allowed.standardError)")
        #expect(allowed.standardOutput.contains("Allowed this time"))
        expectNoKey(in: ["refused": refused, "allowed": allowed])
    }
}
