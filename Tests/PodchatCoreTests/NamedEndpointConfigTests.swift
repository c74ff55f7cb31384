import PodchatCore
import Testing

/// The config's `endpoints` and `default_endpoint`: what each named endpoint inherits, and
/// that every mistake names the file and the key path.
@Suite struct NamedEndpointConfigTests {
    private func parse(_ text: String) throws(ConfigError) -> Config {
        try Config.parse(text, path: "c.json")
    }

    /// The message `text` fails with, or a recorded issue when it parses.
    private func failure(_ text: String) -> String {
        do {
            _ = try parse(text)
            Issue.record("parsed \(text)")
            return ""
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        #"{"endpoint_id": "abc123", "input_format": "openai", "price_per_second": 0.0003}"#,
        #"{"openai_base_url": "http://127.0.0.1:8000/v1", "model": "m", "timeouts": {"idle_seconds": 5}}"#,
        #"{"endpoint_url": "http://127.0.0.1:9/v2/x", "policy": {"ttl_ms": 60000}, "api_key_env": "K"}"#,
        "{}",
    ])
    func aSingleEndpointFileMeansWhatItMeantBefore(text: String) throws {
        let config = try parse(text)
        #expect(config.endpoints.isEmpty)
        #expect(config.defaultEndpoint == nil)
        #expect(config.endpointName == nil)
        #expect(config.choosingEndpoint(nil).config == config)
        #expect(config.choosingEndpoint(nil).endpointID == nil)
    }

    @Test func namedEndpointsInheritTheKeySourcePolicyAndTimeoutsButNotTheTargetModelOrPrice() throws {
        let config = try parse(
            """
            {"api_key_env": "MY_KEY", "input_format": "openai", "policy": {"ttl_ms": 60000}, "timeouts": {"idle_seconds": 5},
             "allow_insecure_http": true, "model": "top", "price_per_second": 0.0003, "system_prompt": "Be brief.",
             "default_endpoint": "qwen",
             "endpoints": {
               "qwen": {"endpoint_id": "q1"},
               "local": {"openai_base_url": "http://127.0.0.1:8000/v1", "model": "m", "input_format": "native",
                         "timeouts": {"queue_seconds": 9}, "price_per_second": 0.0001, "api_key_env": "LOCAL_KEY"}}}
            """)
        let qwen = try #require(config.endpoints["qwen"])
        #expect(qwen.endpointName == "qwen")
        #expect(qwen.endpointID == "q1")
        #expect(qwen.apiKeyEnvironmentVariable == "MY_KEY")
        #expect(qwen.inputFormat == .openai)
        #expect(qwen.policy == JobPolicySettings(timeToLiveMilliseconds: 60000))
        #expect(qwen.timeouts == TimeoutSettings(idleSeconds: 5))
        #expect(qwen.allowsInsecureHTTP)
        #expect(qwen.systemPrompt == "Be brief.")
        #expect(qwen.model == nil)
        #expect(qwen.price == nil)
        let local = try #require(config.endpoints["local"])
        #expect(local.openAIBaseURL == "http://127.0.0.1:8000/v1")
        #expect(local.endpointID == nil)
        #expect(local.model == "m")
        #expect(local.inputFormat == .native)
        // A named object replaces the inherited one whole, so no idle limit is left over.
        #expect(local.timeouts == TimeoutSettings(queueSeconds: 9))
        #expect(local.price == GPUPrice(dollarsPerSecond: 0.0001))
        #expect(local.apiKeyEnvironmentVariable == "LOCAL_KEY")
        #expect(config.defaultEndpoint == "qwen")
        #expect(config.unknownKeys.isEmpty)
    }

    @Test func theOnlyNamedEndpointIsTheDefaultWhenTheTopLevelHasNone() throws {
        let config = try parse(#"{"endpoints": {"solo": {"endpoint_id": "s"}}}"#)
        #expect(config.defaultEndpoint == "solo")
    }

    @Test func aTopLevelEndpointStaysTheDefaultBesideNamedOnes() throws {
        let config = try parse(#"{"endpoint_id": "top", "endpoints": {"other": {"endpoint_id": "o"}}}"#)
        #expect(config.defaultEndpoint == nil)
        #expect(config.choosingEndpoint(nil).config.endpointID == "top")
    }

    @Test(arguments: [
        (#"{"endpoints": []}"#, #"c.json: "endpoints" must be an object of endpoint names to settings, e.g. {"qwen": {"endpoint_id": "…"}}"#),
        (#"{"endpoints": {"q": "abc"}}"#, #"c.json: "endpoints.q" must be an object of settings, e.g. {"endpoint_id": "…"}"#),
        (#"{"endpoints": {" ": {"endpoint_id": "a"}}}"#, #"c.json: "endpoints. " must be a name that is not blank"#),
        (#"{"endpoints": {"q": {"model": "m"}}}"#, #"c.json: "endpoints.q" needs "endpoint_id", "endpoint_url" or "openai_base_url""#),
        (#"{"endpoints": {"q": {"endpoint_id": 7}}}"#, #"c.json: "endpoints.q.endpoint_id" must be a string"#),
        (#"{"endpoints": {"q": {"endpoint_id": "a", "input_format": "xml"}}}"#, #"c.json: "endpoints.q.input_format" must be "native" or "openai""#),
        (
            #"{"endpoints": {"q": {"endpoint_id": "a", "policy": {"ttl_ms": 1}}}}"#,
            #"c.json: "endpoints.q.policy.ttl_ms" must be a whole number of milliseconds in 10000…604800000"#
        ),
        (
            #"{"endpoints": {"q": {"endpoint_id": "a", "timeouts": {"nap_seconds": 1}}}}"#,
            #"c.json: "endpoints.q.timeouts.nap_seconds" is not a timeout (known: connect_seconds, request_seconds, first_token_seconds, idle_seconds, queue_seconds)"#
        ),
        (
            #"{"endpoints": {"q": {"endpoint_id": "a", "price_per_second": 3}}}"#,
            #"c.json: "endpoints.q.price_per_second" must be dollars per GPU-second above 0, at most 1, e.g. 0.00031"#
        ),
        (
            #"{"endpoints": {"q": {"endpoint_id": "a", "api_key_env": "A B"}}}"#,
            #"c.json: "endpoints.q.api_key_env" must be the name of an environment variable, e.g. "RUNPOD_API_KEY""#
        ),
        (
            #"{"endpoints": {"q": {"endpoint_id": "a", "allow_insecure_http": 1}}}"#,
            #"c.json: "endpoints.q.allow_insecure_http" must be true or false"#
        ),
        (#"{"default_endpoint": 3}"#, #"c.json: "default_endpoint" must be a string"#),
        (#"{"default_endpoint": "x"}"#, #"c.json: "default_endpoint" names "x", which is not in "endpoints" (known: none)"#),
        (
            #"{"default_endpoint": "x", "endpoints": {"a": {"endpoint_id": "a"}, "b": {"endpoint_id": "b"}}}"#,
            #"c.json: "default_endpoint" names "x", which is not in "endpoints" (known: "a", "b")"#
        ),
        (
            #"{"endpoints": {"a": {"endpoint_id": "a"}, "b": {"endpoint_id": "b"}}}"#,
            #"c.json: "default_endpoint" is needed: "endpoints" names several ("a", "b") and the top level names none"#
        ),
        (
            #"{"endpoint_id": "top", "default_endpoint": "a", "endpoints": {"a": {"endpoint_id": "a"}}}"#,
            #"c.json: "default_endpoint" and the top-level endpoint ("endpoint_id", "endpoint_url" or "openai_base_url") both choose the default: move the top-level one into "endpoints" or drop "default_endpoint""#
        ),
    ])
    func eachMistakeNamesTheFileAndTheKeyPath(text: String, expected: String) {
        #expect(failure(text) == expected)
    }

    @Test func unknownKeysInsideAnEndpointAreWarnedAboutByPathWithASuggestion() throws {
        let config = try parse(
            #"{"endpoints": {"q": {"endpoint_id": "a", "input_fromat": "openai", "mouse": false, "// note": "ignored"}}, "endpoint": 1}"#)
        #expect(config.unknownKeys == ["endpoint", "endpoints.q.input_fromat", "endpoints.q.mouse"])
        #expect(
            config.unknownKeyWarnings(path: "c.json") == [
                #"c.json: unknown key "endpoint" (ignored); did you mean "endpoint_id"?"#,
                #"c.json: unknown key "endpoints.q.input_fromat" (ignored); did you mean "input_format"?"#,
                #"c.json: unknown key "endpoints.q.mouse" (ignored)"#,
            ])
    }

    @Test func aNamedEndpointsMalformedURLIsNamedByItsPathWhenResolved() {
        let config = try? parse(#"{"endpoints": {"q": {"endpoint_url": "ftp://x"}}}"#)
        let chosen = config?.choosingEndpoint(nil).config ?? Config()
        #expect(throws: ConfigError(path: "c.json", problem: #""endpoints.q.endpoint_url": must start with http:// or https://"#)) {
            try EndpointChoice.resolve(config: chosen, configPath: "c.json", keys: environmentKeys(["RUNPOD_API_KEY": "k"]))
        }
    }

    @Test func aNamedEndpointsKeyProblemsNameItsKeyPath() throws {
        let config = try parse(
            #"{"default_endpoint": "q", "endpoints": {"q": {"endpoint_id": "a", "api_key_env": "NONE"}, "c": {"endpoint_id": "c", "api_key_command": "false"}}}"#
        )
        let failing = APIKeyLookup(environment: [:]) { _ in .exited(status: 1, output: []) }
        #expect(
            throws: ConfigError(
                path: "c.json", problem: #"no API key for runpod a: set the environment variable NONE, or "endpoints.q.api_key_command" in this file"#
            )
        ) {
            try EndpointChoice.resolve(config: config.choosingEndpoint("q").config, configPath: "c.json", keys: failing)
        }
        let message =
            #""endpoints.c.api_key_command" failed with exit status 1 (its output is not shown, as it may hold the key); run the command yourself to see why"#
        #expect(throws: ConfigError(path: "c.json", problem: message)) {
            try EndpointChoice.resolve(config: config.choosingEndpoint("c").config, configPath: "c.json", keys: failing)
        }
    }
}
