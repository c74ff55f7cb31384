/// Where completions go, resolved from the config and the command line.
package struct Endpoint: Sendable, Equatable {
    /// The endpoint's base URL, e.g. `https://api.runpod.ai/v2/abc123`; the job operations
    /// (`/run`, `/stream/{id}`, …) are appended to it.
    package var baseURL: String
    /// The bearer token, or nil to send no `Authorization` header.
    package var apiKey: APIKey?
    /// A short name for the status bar; never contains the key.
    package var label: String

    package init(baseURL: String, apiKey: APIKey?, label: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.label = label
    }
}

/// The endpoint to talk to: a Runpod job API, an OpenAI-compatible server, or demo mode with
/// the built-in simulator.
package enum EndpointChoice: Sendable, Equatable {
    /// The Runpod Serverless job API (`/run`, `/stream/{id}`, …) at the endpoint's base URL.
    case runpod(Endpoint)
    /// An OpenAI-compatible server (`/chat/completions`, `/completions`, `/models`).
    case openAICompatible(Endpoint)
    case demo

    /// The prefix of a Runpod Serverless endpoint URL; the endpoint id follows it.
    package static let runpodBaseURL = "https://api.runpod.ai/v2"

    /// Resolves the endpoint: an OpenAI base URL wins over `endpointURL`, which wins over
    /// `endpointID`; the command line wins over the config.
    ///
    /// - Parameters:
    ///   - allowsInsecureHTTP: `--allow-insecure-http`; the config's `allow_insecure_http` also allows it.
    ///   - keys: Where the API key is looked up, only once a real endpoint is chosen.
    /// - Throws: ``ConfigError`` naming the setting (the config key or the flag) when a URL or
    ///   id is malformed, a remote endpoint has no key, or the key would go over plain http to
    ///   another machine without permission.
    package static func resolve(
        config: Config,
        configPath: String,
        endpointID: String? = nil,
        endpointURL: String? = nil,
        openAIBaseURL: String? = nil,
        allowsInsecureHTTP: Bool = false,
        keys: APIKeyLookup
    ) throws(ConfigError) -> EndpointChoice {
        let resolver = Resolver(
            config: config, configPath: configPath, keys: keys, allowsInsecureHTTP: allowsInsecureHTTP || config.allowsInsecureHTTP)
        if let base = resolver.setting(flag: "--openai-base-url", openAIBaseURL, key: "openai_base_url", config.openAIBaseURL) {
            return .openAICompatible(try resolver.endpoint(for: base))
        }
        if let explicit = resolver.setting(flag: "--endpoint-url", endpointURL, key: "endpoint_url", config.endpointURL) {
            return .runpod(try resolver.endpoint(for: explicit))
        }
        if let id = resolver.setting(flag: "--endpoint", endpointID, key: "endpoint_id", config.endpointID) {
            guard id.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw id.error("may hold only letters, digits, - and _ (an endpoint id, not a URL; URLs go in --endpoint-url)")
            }
            return .runpod(try resolver.endpoint(for: id, url: "\(runpodBaseURL)/\(id.value)", label: "runpod \(id.value)"))
        }
        return .demo
    }

    /// One endpoint setting and where it came from, so errors can name the flag or the config key.
    private struct Setting {
        var value: String
        /// The flag (`--endpoint-url`) or the config file.
        var place: String
        /// The config key in quotes, or nothing for a flag (the place names it).
        var subject: String

        func error(_ reason: String) -> ConfigError {
            ConfigError(path: place, problem: subject.isEmpty ? reason : "\(subject): \(reason)")
        }
    }

    private struct Resolver {
        let config: Config
        let configPath: String
        let keys: APIKeyLookup
        let allowsInsecureHTTP: Bool

        /// The flag's value, else the config's; empty counts as unset.
        func setting(flag: String, _ flagValue: String?, key: String, _ configValue: String?) -> Setting? {
            if let flagValue, !flagValue.isEmpty { return Setting(value: flagValue, place: flag, subject: "") }
            if let configValue, !configValue.isEmpty { return Setting(value: configValue, place: configPath, subject: config.quotedKeyPath(key)) }
            return nil
        }

        /// The endpoint `setting` names, at `text` (by default the setting's value), with its
        /// key. Only loopback endpoints may go without a key, and a key goes over plain http
        /// only to this machine unless the user allows it.
        func endpoint(for setting: Setting, url text: String? = nil, label: String? = nil) throws(ConfigError) -> Endpoint {
            let url: EndpointURL
            do throws(EndpointURL.Problem) {
                url = try EndpointURL(parsing: text ?? setting.value)
            } catch {
                throw setting.error(error.reason)
            }
            let label = label ?? url.label
            let key = try keys.key(config: config, configPath: configPath)
            if key == nil && !url.isLoopback {
                let variable = config.apiKeyEnvironmentVariable
                throw ConfigError(
                    path: configPath,
                    problem:
                        "no API key for \(label): set the environment variable \(variable), or \(config.quotedKeyPath("api_key_command")) in this file"
                )
            }
            if key != nil && !url.isSecure && !url.isLoopback && !allowsInsecureHTTP {
                throw setting.error(
                    "will not send the API key over plain http:// to \(url.label), which is not this machine: use https://, or pass --allow-insecure-http (config: \"allow_insecure_http\": true) if the network is trusted"
                )
            }
            return Endpoint(baseURL: url.text, apiKey: key, label: label)
        }
    }
}
