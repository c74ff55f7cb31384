import Foundation
import PodchatCore
import Testing

@Suite struct ConfigTests {
    @Test func parsesEverySetting() throws {
        let config = try Config.parse(
            """
            {"endpoint_id": "abc123", "endpoint_url": "", "api_key_env": "MY_KEY",
             "system_prompt": "Be brief.", "mode": "prompt",
             "sampling": {"temperature": 0.5, "max_tokens": 256}, "// note": "ignored"}
            """, path: "c.json")
        #expect(config.endpointID == "abc123")
        #expect(config.endpointURL == nil)
        #expect(config.apiKeyEnvironmentVariable == "MY_KEY")
        #expect(config.systemPrompt == "Be brief.")
        #expect(config.mode == .prompt)
        #expect(config.sampling == ["temperature": .number(0.5), "max_tokens": .number(256)])
        #expect(config.unknownKeys.isEmpty)
    }

    @Test func theExampleConfigLoadsCleanly() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config.example.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let config = try Config.parse(text, path: "config.example.json")
        #expect(config.unknownKeys.isEmpty)
        #expect(config.apiKeyEnvironmentVariable == "RUNPOD_API_KEY")
    }

    @Test func parsesThePolicyTheInputFormatAndTheOpenAISettings() throws {
        let config = try Config.parse(
            """
            {"input_format": "openai", "openai_base_url": "http://127.0.0.1:8000/v1", "model": "m",
             "policy": {"execution_timeout_ms": 60000, "ttl_ms": 600000, "low_priority": true}}
            """, path: "c.json")
        #expect(config.inputFormat == .openai)
        #expect(config.openAIBaseURL == "http://127.0.0.1:8000/v1")
        #expect(config.model == "m")
        #expect(config.timeouts == TimeoutSettings())
        #expect(config.policy == JobPolicySettings(executionTimeoutMilliseconds: 60000, timeToLiveMilliseconds: 600000, lowPriority: true))
    }

    @Test func readsThePricePerSecond() throws {
        #expect(try Config.parse(#"{"price_per_second": 0.00031}"#, path: "c.json").price == GPUPrice(dollarsPerSecond: 0.00031))
        #expect(try Config.parse(#"{"price_per_second": null}"#, path: "c.json").price == nil)
        #expect(try Config.parse("{}", path: "c.json").price == nil)
    }

    @Test(arguments: [(0.00074, "$0.00074"), (0.0050, "$0.0050"), (0.0123, "$0.01"), (1.236, "$1.24"), (0, "$0"), (0.0000004, "$0.00000040")])
    func formatsCosts(dollars: Double, expected: String) {
        #expect(GPUPrice.formatted(dollars) == expected)
    }

    @Test func collectsUnknownKeys() throws {
        let config = try Config.parse(#"{"endpoint": "x", "temprature": 1}"#, path: "c.json")
        #expect(config.unknownKeys == ["endpoint", "temprature"])
    }

    @Test func theMouseIsOnUnlessTheConfigSaysNo() throws {
        #expect(try Config.parse("{}", path: "c.json").usesMouse)
        #expect(try !Config.parse(#"{"mouse": false}"#, path: "c.json").usesMouse)
        #expect(throws: ConfigError.self) { try Config.parse(#"{"mouse": "off"}"#, path: "c.json") }
    }

    @Test func parsesTheKeySettings() throws {
        let config = try Config.parse(
            #"{"api_key_command": "pass show runpod", "api_key": " rpa_stored \n", "allow_insecure_http": true}"#, path: "c.json")
        #expect(config.apiKeyCommand == "pass show runpod")
        #expect(config.apiKey == APIKey("rpa_stored", source: .configFile(path: "c.json")))
        #expect(config.allowsInsecureHTTP)
        let empty = try Config.parse(#"{"api_key_command": "", "api_key": ""}"#, path: "c.json")
        #expect(empty.apiKeyCommand == nil && empty.apiKey == nil && !empty.allowsInsecureHTTP)
    }

    @Test func everyKnownKeyIsDocumentedInTheExampleAndNothingElse() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config.example.json")
        let example = try #require(JSONValue(parsing: try String(contentsOf: url, encoding: .utf8))?.objectValue)
        let settings = example.keys.filter { !$0.hasPrefix("//") }
        #expect(Set(settings) == Set(Config.knownKeys))
        for key in settings { #expect(example["// \(key)"] != nil, "\(key) has no comment") }
    }

    @Test(arguments: [
        ("endpoint", #"c.json: unknown key "endpoint" (ignored); did you mean "endpoint_id"?"#),
        ("endpoint_ulr", #"c.json: unknown key "endpoint_ulr" (ignored); did you mean "endpoint_url"?"#),
        ("apikey", #"c.json: unknown key "apikey" (ignored); did you mean "api_key"?"#),
        ("Model", #"c.json: unknown key "Model" (ignored); did you mean "model"?"#),
        ("temperature", #"c.json: unknown key "temperature" (ignored); sampling parameters go inside "sampling": {"temperature": …}"#),
        ("colour_scheme", #"c.json: unknown key "colour_scheme" (ignored)"#),
        ("x", #"c.json: unknown key "x" (ignored)"#),
    ])
    func warnsAboutAnUnknownKeyWithTheLikelyIntendedOne(key: String, warning: String) throws {
        let config = try Config.parse(JSONValue.object([key: .number(1)]).encodedText, path: "c.json")
        #expect(config.unknownKeyWarnings(path: "c.json") == [warning])
    }

    @Test(arguments: [
        (0o100600 as UInt32, nil as String?), (0o100400, nil), (0o100700, nil),
        (0o100640, "c.json holds an API key (\"api_key\") that other users can read: run chmod 600 c.json"),
        (0o100604, "c.json holds an API key (\"api_key\") that other users can read: run chmod 600 c.json"),
        (0o100644, "c.json holds an API key (\"api_key\") that other users can read: run chmod 600 c.json"),
    ])
    func warnsWhenOthersCanReadAStoredKey(mode: UInt32, warning: String?) throws {
        let withKey = try Config.parse(#"{"api_key": "rpa_x"}"#, path: "c.json")
        #expect(withKey.keyExposureWarning(path: "c.json", permissions: mode) == warning)
        #expect(Config().keyExposureWarning(path: "c.json", permissions: mode) == nil, "a file without a key exposes nothing")
    }

    @Test(arguments: [
        (ConfigFileProblem.missing, "c.json: does not exist: check the path given to --config"),
        (.permissionDenied, "c.json: cannot be read (permission denied): run chmod 600 c.json as its owner"),
        (.directory, "c.json: is a directory, not a file: podchat expects a JSON config file here (see config.example.json)"),
        (.notRegularFile, "c.json: is not a regular file: podchat expects a JSON config file here (see config.example.json)"),
        (.notUTF8, "c.json: is not UTF-8 text: save it as UTF-8 JSON (see config.example.json)"),
        (.other("Input/output error"), "c.json: cannot be read (Input/output error)"),
    ])
    func anUnreadableFileIsNamedWithTheFix(problem: ConfigFileProblem, message: String) {
        #expect(problem.error(path: "c.json").description == message)
    }

    @Test(arguments: [
        ("{", "unexpected end of file where a \"key\" in quotes should be at line 1, column 2"),
        (#"{"mode": }"#, #"unexpected "}" where a value should be at line 1, column 10"#),
        ("{\"a\": 1\n \"b\": 2}", #"unexpected """ where a , or } should be at line 2, column 2"#),
        ("{\"a\":\n\n  nope}", "unexpected \"o\" where null was expected at line 3, column 4"),
        (
            "{\"prompt\": \"Grüße\nzwei\"}",
            "unexpected control character 0xa inside a string (write line breaks and tabs as \\n and \\t) at line 1, column 18"
        ),
        (#"{"a": 01}"#, #"unexpected "1" where a , or } should be at line 1, column 8"#),
        (#"{"a": "\x"}"#, #"unexpected "x" after a \ in a string at line 1, column 9"#),
        ("{} {}", #"unexpected "{" after the end of the document at line 1, column 4"#),
        ("", "unexpected end of file where a value should be at line 1, column 1"),
        (String(repeating: "[", count: 10_000), "nesting deeper than 512 levels at line 1, column 513"),
    ])
    func invalidJSONSaysWhereOnOneLine(text: String, problem: String) {
        do {
            _ = try Config.parse(text, path: "c.json")
            Issue.record("parsed \(text.prefix(40))")
        } catch {
            #expect(error.description == "c.json: is not valid JSON: \(problem); compare it with config.example.json")
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try Config.parse("\u{FEFF}{\"model\": \"m\"}", path: "c.json").model == "m")
    }

    @Test(arguments: [
        ("not json", "c.json: is not valid JSON"),
        ("[1, 2]", "c.json: must hold a JSON object"),
        (#"{"endpoint_id": 5}"#, #"c.json: "endpoint_id" must be a string"#),
        (#"{"mode": "poem"}"#, #"c.json: "mode" must be "chat" or "prompt""#),
        (#"{"sampling": []}"#, #"c.json: "sampling" must be an object"#),
        (#"{"sampling": {"temperature": "hot"}}"#, #"c.json: "sampling.temperature" must be a number in 0.00…2.00"#),
        (#"{"sampling": {"temperature": 9}}"#, #"c.json: "sampling.temperature" must be a number in 0.00…2.00"#),
        (#"{"sampling": {"max_tokens": 1.5}}"#, #"c.json: "sampling.max_tokens" must be a whole number"#),
        (#"{"sampling": {"warmth": 1}}"#, #"c.json: "sampling.warmth" is not a known sampling parameter"#),
        (#"{"sampling": {"ignore_eos": 1}}"#, #"c.json: "sampling.ignore_eos" must be true or false"#),
        (#"{"input_format": "xml"}"#, #"c.json: "input_format" must be "native" or "openai""#),
        (#"{"policy": {"ttl_ms": 5}}"#, #"c.json: "policy.ttl_ms" must be a whole number of milliseconds in 10000…"#),
        (#"{"policy": {"ttl": 5}}"#, #"c.json: "policy.ttl" is not a policy setting"#),
        (#"{"timeouts": {"idle_seconds": -1}}"#, #"c.json: "timeouts.idle_seconds" must be a number of seconds from 0 (off)"#),
        (#"{"timeouts": {"connect_seconds": 0}}"#, #"c.json: "timeouts.connect_seconds" must be a number of seconds above 0"#),
        (#"{"timeouts": {"read_seconds": 5}}"#, #"c.json: "timeouts.read_seconds" is not a timeout"#),
        (#"{"api_key_env": ""}"#, #"c.json: "api_key_env" must be the name of an environment variable"#),
        (#"{"api_key_env": "MY KEY"}"#, #"c.json: "api_key_env" must be the name of an environment variable"#),
        (#"{"api_key_command": ["pass"]}"#, #"c.json: "api_key_command" must be a string"#),
        (#"{"api_key": 12345}"#, #"c.json: "api_key" must be a string"#),
        (#"{"api_key": "two words"}"#, #"c.json: the API key from "api_key" in c.json holds spaces"#),
        (#"{"allow_insecure_http": "yes"}"#, #"c.json: "allow_insecure_http" must be true or false"#),
        (#"{"policy": {"low_priority": 1}}"#, #"c.json: "policy.low_priority" must be true or false"#),
        (#"{"price_per_second": "0.0003"}"#, #"c.json: "price_per_second" must be dollars per GPU-second above 0, at most 1"#),
        (#"{"price_per_second": 0}"#, #"c.json: "price_per_second" must be dollars per GPU-second above 0, at most 1"#),
        (#"{"price_per_second": 1.12}"#, #"c.json: "price_per_second" must be dollars per GPU-second above 0, at most 1"#),
        (#"{"endpoint_url": {"url": "x"}}"#, #"c.json: "endpoint_url" must be a string"#),
    ])
    func reportsTheFileAndTheProblem(text: String, expectedPrefix: String) {
        do {
            _ = try Config.parse(text, path: "c.json")
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.description.hasPrefix(expectedPrefix), "\(error.description)")
        }
    }
}
