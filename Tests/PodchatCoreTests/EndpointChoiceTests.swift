import PodchatCore
import Testing

/// Keys from `environment` only; a test that makes podchat run `api_key_command` fails.
func environmentKeys(_ environment: [String: String] = [:]) -> APIKeyLookup {
    APIKeyLookup(environment: environment) { command in
        Issue.record("ran the key command \(command)")
        return .notStarted(reason: "no commands in this test")
    }
}

@Suite struct EndpointChoiceTests {
    private static let secret = "rpa_ENDPOINT_TEST_SECRET"
    private static let environmentKey = APIKey(secret, source: .environment(variable: "RUNPOD_API_KEY"))

    private func resolve(
        _ config: Config = Config(), id: String? = nil, url: String? = nil, openAI: String? = nil, allowsInsecureHTTP: Bool = false,
        environment: [String: String] = ["RUNPOD_API_KEY": secret]
    ) throws(ConfigError) -> EndpointChoice {
        try EndpointChoice.resolve(
            config: config, configPath: "c.json", endpointID: id, endpointURL: url, openAIBaseURL: openAI,
            allowsInsecureHTTP: allowsInsecureHTTP, keys: environmentKeys(environment))
    }

    /// The error `body` throws, checked never to contain the key.
    private func failure(_ body: () throws -> EndpointChoice) -> String {
        do {
            let choice = try body()
            Issue.record("resolved \(choice)")
            return ""
        } catch {
            let message = "\(error)"
            #expect(error is ConfigError)
            #expect(!message.contains(Self.secret))
            return message
        }
    }

    @Test func noEndpointMeansDemoMode() throws {
        #expect(try resolve(environment: [:]) == .demo)
    }

    @Test func anEndpointIdBecomesARunpodURLWithTheKeyFromTheEnvironment() throws {
        var config = Config()
        config.endpointID = "abc123"
        let choice = try resolve(config)
        #expect(choice == .runpod(Endpoint(baseURL: "https://api.runpod.ai/v2/abc123", apiKey: Self.environmentKey, label: "runpod abc123")))
    }

    @Test func theCommandLineWinsOverTheConfigAndTheURLOverTheID() throws {
        var config = Config()
        config.endpointID = "fromconfig"
        let byID = try resolve(config, id: "fromflag")
        #expect(byID == .runpod(Endpoint(baseURL: "https://api.runpod.ai/v2/fromflag", apiKey: Self.environmentKey, label: "runpod fromflag")))
        let byURL = try resolve(config, id: "fromflag", url: "http://127.0.0.1:9/v2/x/", environment: [:])
        #expect(byURL == .runpod(Endpoint(baseURL: "http://127.0.0.1:9/v2/x", apiKey: nil, label: "127.0.0.1:9")))
    }

    @Test func anOpenAIBaseURLWinsAndUsesTheOpenAITransport() throws {
        var config = Config()
        config.endpointID = "abc"
        let choice = try resolve(config, openAI: "http://localhost:8000/v1/", environment: [:])
        #expect(choice == .openAICompatible(Endpoint(baseURL: "http://localhost:8000/v1", apiKey: nil, label: "localhost:8000")))
    }

    @Test func aRemoteEndpointWithoutAKeyNamesTheVariableAndTheCommandSetting() {
        var config = Config()
        config.endpointID = "abc"
        config.apiKeyEnvironmentVariable = "POD_KEY"
        let message = failure { try resolve(config, environment: [:]) }
        #expect(message == #"c.json: no API key for runpod abc: set the environment variable POD_KEY, or "api_key_command" in this file"#)
    }

    @Test(
        arguments: [
            (nil, "ftp://host/x", nil, "--endpoint-url: must start with http:// or https://"),
            (nil, "http://user:pw@host/v2/x", nil, "--endpoint-url: must not contain a user name or password"),
            (nil, "http://host/v2/x?wait=1", nil, "--endpoint-url: must not have a query"),
            (nil, "http://host:99999/v2/x", nil, "--endpoint-url: must have a port from 1 to 65535"),
            (nil, nil, "http://", "--openai-base-url: must name a host"),
            ("abc def", nil, nil, "--endpoint: may hold only letters, digits, - and _"),
            ("a/b", nil, nil, "--endpoint: may hold only letters, digits, - and _"),
        ] as [(String?, String?, String?, String)])
    func aMalformedFlagIsNamedInTheError(id: String?, url: String?, openAI: String?, expected: String) {
        let message = failure { try resolve(id: id, url: url, openAI: openAI) }
        #expect(message.hasPrefix(expected), "\(message)")
    }

    @Test func aMalformedConfigSettingNamesTheFileAndTheKey() {
        var config = Config()
        config.endpointURL = "ftp://host/x"
        #expect(failure { try resolve(config) } == #"c.json: "endpoint_url": must start with http:// or https://"#)
        config = Config()
        config.endpointID = "not an id"
        #expect(failure { try resolve(config) }.hasPrefix(#"c.json: "endpoint_id": may hold only"#))
    }

    // MARK: - The API key over plain http

    @Test(arguments: [
        ("http://10.0.0.5:8000/v2/x", "--endpoint-url"),
        ("http://gpu-box.lan/v2/x", "--endpoint-url"),
        ("http://127.0.0.1.example.com/v2/x", "--endpoint-url"),
    ])
    func theKeyIsNotSentOverPlainHTTPToAnotherMachine(url: String, flag: String) {
        let message = failure { try resolve(url: url) }
        #expect(message.hasPrefix("\(flag): will not send the API key over plain http:// to "), "\(message)")
        #expect(message.contains("--allow-insecure-http"))
        #expect(message.contains("\"allow_insecure_http\""))
        #expect(!message.contains("\n"))
    }

    @Test func theRefusalCoversTheOpenAIRouteAndConfigSettings() {
        #expect(failure { try resolve(openAI: "http://10.0.0.5:8000/v1") }.hasPrefix("--openai-base-url: will not send"))
        var config = Config()
        config.endpointURL = "http://10.0.0.5:8000/v2/x"
        #expect(failure { try resolve(config) }.hasPrefix(#"c.json: "endpoint_url": will not send"#))
    }

    @Test func theFlagOrTheConfigAllowsPlainHTTP() throws {
        let expected = EndpointChoice.runpod(Endpoint(baseURL: "http://10.0.0.5:8000/v2/x", apiKey: Self.environmentKey, label: "10.0.0.5:8000"))
        #expect(try resolve(url: "http://10.0.0.5:8000/v2/x", allowsInsecureHTTP: true) == expected)
        var config = Config()
        config.allowsInsecureHTTP = true
        #expect(try resolve(config, url: "http://10.0.0.5:8000/v2/x") == expected)
    }

    @Test(arguments: ["https://10.0.0.5:8000/v2/x", "http://127.0.0.1:8000/v2/x", "http://localhost/v2/x", "http://[::1]:8000/v2/x"])
    func httpsAndLoopbackNeedNoPermission(url: String) throws {
        guard case .runpod(let endpoint) = try resolve(url: url) else {
            Issue.record("not a Runpod endpoint")
            return
        }
        #expect(endpoint.apiKey == Self.environmentKey)
    }

    @Test func aRemoteHTTPEndpointWithoutAKeyAsksForTheKeyFirst() {
        let message = failure { try resolve(url: "http://10.0.0.5/v2/x", environment: [:]) }
        #expect(message.contains("no API key for 10.0.0.5"))
    }
}
