import Foundation
import PodchatCore
import Synchronization
import Testing

/// Where the API key comes from, in which order, and how each way of getting it wrong is
/// reported without the key or the command's output.
@Suite struct APIKeyLookupTests {
    static let secret = "rpa_LOOKUP_TEST_SECRET_42"

    /// Records the commands run and answers each with `outcome`.
    private final class CommandLog: Sendable {
        let commands = Mutex<[String]>([])
        let outcome: KeyCommandOutcome

        init(_ outcome: KeyCommandOutcome) { self.outcome = outcome }

        func lookup(_ environment: [String: String] = [:]) -> APIKeyLookup {
            APIKeyLookup(environment: environment) { [self] command in
                commands.withLock { $0.append(command) }
                return outcome
            }
        }
    }

    private static func printing(_ text: String) -> KeyCommandOutcome {
        .exited(status: 0, output: Array(text.utf8))
    }

    private static func config(command: String? = nil, storedKey: String? = nil, variable: String = "RUNPOD_API_KEY") throws -> Config {
        var fields: [String: JSONValue] = ["api_key_env": .string(variable)]
        fields["api_key_command"] = command.map(JSONValue.string)
        fields["api_key"] = storedKey.map(JSONValue.string)
        return try Config.parse(JSONValue.object(fields).encodedText, path: "/home/me/.config/podchat/config.json")
    }

    static let path = "/home/me/.config/podchat/config.json"

    // MARK: - Precedence

    @Test func theEnvironmentWinsAndTheCommandIsNotRun() throws {
        let log = CommandLog(Self.printing("from-command"))
        let key = try log.lookup(["RUNPOD_API_KEY": Self.secret]).key(
            config: Self.config(command: "pass show runpod", storedKey: "from-file"), configPath: Self.path)
        #expect(key == APIKey(Self.secret, source: .environment(variable: "RUNPOD_API_KEY")))
        #expect(log.commands.withLock { $0 }.isEmpty)
    }

    @Test func theCommandWinsOverTheFile() throws {
        let log = CommandLog(Self.printing(Self.secret + "\n"))
        let key = try log.lookup().key(config: Self.config(command: "pass show runpod", storedKey: "from-file"), configPath: Self.path)
        #expect(key == APIKey(Self.secret, source: .command(configPath: Self.path)))
        #expect(log.commands.withLock { $0 } == ["pass show runpod"])
    }

    @Test func theFileIsTheLastResort() throws {
        let key = try CommandLog(Self.printing("unused")).lookup().key(config: Self.config(storedKey: Self.secret), configPath: Self.path)
        #expect(key == APIKey(Self.secret, source: .configFile(path: Self.path)))
    }

    @Test func noSourceMeansNoKey() throws {
        #expect(try CommandLog(Self.printing("unused")).lookup().key(config: Config(), configPath: Self.path) == nil)
    }

    @Test func theConfigNamesTheVariableAndABlankOneCountsAsUnset() throws {
        let log = CommandLog(Self.printing(Self.secret))
        let named = try log.lookup(["MY_KEY": " \(Self.secret)\n", "RUNPOD_API_KEY": "ignored"])
            .key(config: Self.config(variable: "MY_KEY"), configPath: Self.path)
        #expect(named == APIKey(Self.secret, source: .environment(variable: "MY_KEY")))
        let blank = try log.lookup(["RUNPOD_API_KEY": "  "]).key(config: Self.config(command: "op read x"), configPath: Self.path)
        #expect(blank?.source == .command(configPath: Self.path))
    }

    // MARK: - A command that does not give a key

    @Test(arguments: [
        (KeyCommandOutcome.exited(status: 1, output: Array("error: \(secret) expired".utf8)), "failed with exit status 1 (its output is not shown"),
        (.exited(status: 127, output: []), "failed: the shell could not find the command"),
        (.killed(signal: 9), "was ended by signal 9"),
        (.notStarted(reason: "No such file or directory"), "could not be started (No such file or directory)"),
        (.exited(status: 0, output: []), "printed nothing; it must print the API key"),
        (.exited(status: 0, output: Array(" \n\t\n".utf8)), "printed nothing"),
        (.exited(status: 0, output: Array("\(secret)\nuser: me\n".utf8)), "printed more than one line"),
        (.exited(status: 0, output: Array(repeating: UInt8(ascii: "k"), count: 5000)), "printed more than 4096 bytes"),
        (.exited(status: 0, output: Array("\(secret) extra".utf8)), "the API key from the output of \"api_key_command\" in \(path) holds spaces"),
        (.exited(status: 0, output: Array("\(secret)\u{1B}[2J".utf8)), "the API key from the output of \"api_key_command\""),
        (.exited(status: 0, output: Array("clé-\(secret)".utf8)), "the API key from the output of \"api_key_command\""),
    ])
    func aFailedCommandIsReportedWithoutItsOutput(outcome: KeyCommandOutcome, expected: String) throws {
        let config = try Self.config(command: "secret-tool lookup service runpod")
        do {
            let key = try CommandLog(outcome).lookup().key(config: config, configPath: Self.path)
            Issue.record("got a key from \(String(describing: key))")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("\(Self.path): \"api_key_command\" ") || message.hasPrefix("\(Self.path): the API key"), "\(message)")
            #expect(message.contains(expected), "\(message)")
            #expect(!message.contains(Self.secret))
            #expect(!message.contains("secret-tool"), "the command itself may carry a token")
            #expect(!message.contains("\n"))
        }
    }

    @Test func aKeyThatCannotGoInAHeaderIsRefusedFromEverySource() throws {
        do {
            _ = try CommandLog(Self.printing("x")).lookup(["RUNPOD_API_KEY": "\(Self.secret)\r\nX-Evil: 1"]).key(
                config: Config(), configPath: Self.path)
            Issue.record("accepted a key with a line break")
        } catch {
            #expect(error.description.hasPrefix("$RUNPOD_API_KEY: the API key from the environment variable RUNPOD_API_KEY holds spaces"))
            #expect(!error.description.contains(Self.secret))
        }
        #expect(throws: ConfigError.self) { try Self.config(storedKey: "two words") }
    }

    // MARK: - The key never shows

    @Test func printingAKeyOrAnEndpointShowsOnlyWhereTheKeyCameFrom() {
        let key = APIKey(Self.secret, source: .command(configPath: Self.path))
        let endpoint = Endpoint(baseURL: "https://api.runpod.ai/v2/x", apiKey: key, label: "runpod x")
        var dumped = ""
        dump(EndpointChoice.runpod(endpoint), to: &dumped)
        let renderings = [
            "\(key)", String(reflecting: key), "\(endpoint)", String(reflecting: endpoint), dumped,
            "\(EndpointChoice.runpod(endpoint))", "\(Optional(key) as Any)",
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret), "\(text)")
        }
        #expect("\(key)" == "API key from the output of \"api_key_command\" in \(Self.path)")
        #expect(key.bearerToken == "Bearer \(Self.secret)")
        #expect(key.redacting("echo: Bearer \(Self.secret).") == "echo: Bearer [API key].")
        let failure = CompletionFailure("rejected \(Self.secret)", detail: "body: {\"key\": \"\(Self.secret)\"}")
        #expect(key.redacting(failure) == CompletionFailure("rejected [API key]", detail: "body: {\"key\": \"[API key]\"}"))
    }

    @Test func aConfigHoldingAKeyPrintsWithoutIt() throws {
        let config = try Self.config(storedKey: Self.secret)
        #expect(!"\(config)".contains(Self.secret))
        #expect(!String(reflecting: config).contains(Self.secret))
    }
}
