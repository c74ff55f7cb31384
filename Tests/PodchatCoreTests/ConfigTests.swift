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

    @Test func collectsUnknownKeys() throws {
        let config = try Config.parse(#"{"endpoint": "x", "temprature": 1}"#, path: "c.json")
        #expect(config.unknownKeys == ["endpoint", "temprature"])
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

@Suite struct EndpointChoiceTests {
    @Test func noEndpointMeansDemoMode() throws {
        #expect(try EndpointChoice.resolve(config: Config(), configPath: "c", environment: [:]) == .demo)
    }

    @Test func anEndpointIdBecomesARunpodURLWithTheKeyFromTheEnvironment() throws {
        var config = Config()
        config.endpointID = "abc123"
        let choice = try EndpointChoice.resolve(config: config, configPath: "c", environment: ["RUNPOD_API_KEY": "secret"])
        #expect(choice == .runpod(Endpoint(baseURL: "https://api.runpod.ai/v2/abc123", apiKey: "secret", label: "runpod abc123")))
    }

    @Test func theCommandLineWinsOverTheConfigAndTheURLOverTheID() throws {
        var config = Config()
        config.endpointID = "fromconfig"
        let byID = try EndpointChoice.resolve(config: config, configPath: "c", endpointID: "fromflag", environment: ["RUNPOD_API_KEY": "k"])
        #expect(byID == .runpod(Endpoint(baseURL: "https://api.runpod.ai/v2/fromflag", apiKey: "k", label: "runpod fromflag")))
        let byURL = try EndpointChoice.resolve(config: config, configPath: "c", endpointID: "fromflag", endpointURL: "http://127.0.0.1:9/v2/x/", environment: [:])
        #expect(byURL == .runpod(Endpoint(baseURL: "http://127.0.0.1:9/v2/x", apiKey: nil, label: "127.0.0.1:9")))
    }

    @Test func anOpenAIBaseURLWinsAndUsesTheOpenAITransport() throws {
        var config = Config()
        config.endpointID = "abc"
        let choice = try EndpointChoice.resolve(
            config: config, configPath: "c", openAIBaseURL: "http://localhost:8000/v1/", environment: [:])
        #expect(choice == .openAICompatible(Endpoint(baseURL: "http://localhost:8000/v1", apiKey: nil, label: "localhost:8000")))
    }

    @Test func aRemoteEndpointWithoutAKeyNamesTheVariable() {
        var config = Config()
        config.endpointID = "abc"
        config.apiKeyEnvironmentVariable = "POD_KEY"
        #expect(throws: ConfigError.self) {
            try EndpointChoice.resolve(config: config, configPath: "c", environment: [:])
        }
        do {
            _ = try EndpointChoice.resolve(config: config, configPath: "c", environment: [:])
        } catch {
            #expect(error.description.contains("POD_KEY"))
        }
    }

    @Test(arguments: ["ftp://host/x", "abc def", "a/b"])
    func rejectsMalformedEndpoints(value: String) {
        let asURL = value.contains("://")
        #expect(throws: ConfigError.self) {
            try EndpointChoice.resolve(
                config: Config(), configPath: "c", endpointID: asURL ? nil : value, endpointURL: asURL ? value : nil,
                environment: ["RUNPOD_API_KEY": "k"])
        }
    }
}

@Suite struct SamplingParametersTests {
    @Test func defaultsSendOnlyPodchatsMaxTokens() {
        let parameters = SamplingParameters()
        #expect(parameters.wireValues.map(\.name) == ["max_tokens"])
        #expect(parameters.number(of: .maxTokens) == 1024)
        #expect(parameters.number(of: .temperature) == 1.0)
        #expect(!parameters.isChanged(.temperature))
    }

    @Test func setValuesAreClampedAndDefaultsDropped() {
        var parameters = SamplingParameters()
        parameters.set(.temperature, to: 5)
        #expect(parameters.number(of: .temperature) == 2)
        parameters.set(.temperature, to: 1.0)
        #expect(!parameters.isChanged(.temperature))
        parameters.set(.topK, to: 40.4)
        #expect(parameters.wireValues.map(\.name) == ["max_tokens", "top_k"])
        #expect(parameters.number(of: .topK) == 40)
    }

    @Test func steppedValuesStayExact() {
        var parameters = SamplingParameters()
        parameters.set(.temperature, to: 0.7)
        #expect(parameters.number(of: .temperature) == 0.7)
        parameters.set(.topP, to: 0.95)
        #expect(parameters.number(of: .topP) == 0.95)
    }

    @Test(arguments: [(0.7, "0.70"), (1, "1.00"), (0.005, "0.01"), (-0.25, "-0.25"), (12.5, "12.50")])
    func formatsDecimals(value: Double, text: String) {
        #expect(formatDecimal(value, places: 2) == text)
    }

    @Test func wholeNumbersGoOnTheWireAsIntegers() throws {
        let data = try JSONEncoder().encode(JSONValue.object(["max_tokens": .number(512), "temperature": .number(0.5)]))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"max_tokens\":512"))
        #expect(text.contains("\"temperature\":0.5"))
    }
}
