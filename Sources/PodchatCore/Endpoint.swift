/// Where completions go, resolved from the config and the command line.
package struct Endpoint: Sendable, Equatable {
    /// The endpoint's base URL, e.g. `https://api.runpod.ai/v2/abc123`; the job operations
    /// (`/run`, `/stream/{id}`, …) are appended to it.
    package var baseURL: String
    /// The bearer token, or nil to send no `Authorization` header.
    package var apiKey: String?
    /// A short name for the status bar; never contains the key.
    package var label: String

    package init(baseURL: String, apiKey: String?, label: String) {
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
    /// - Parameter environment: where the API key is looked up (by `config.apiKeyEnvironmentVariable`).
    /// - Throws: ``ConfigError`` when a real endpoint needs a key the environment does not have,
    ///   or the URL is not http(s).
    package static func resolve(
        config: Config,
        configPath: String,
        endpointID: String? = nil,
        endpointURL: String? = nil,
        openAIBaseURL: String? = nil,
        environment: [String: String]
    ) throws(ConfigError) -> EndpointChoice {
        if let base = nonEmpty(openAIBaseURL) ?? nonEmpty(config.openAIBaseURL) {
            return .openAICompatible(try endpoint(at: base, config: config, configPath: configPath, environment: environment))
        }
        if let explicit = nonEmpty(endpointURL) ?? nonEmpty(config.endpointURL) {
            return .runpod(try endpoint(at: explicit, config: config, configPath: configPath, environment: environment))
        }
        if let id = nonEmpty(endpointID) ?? nonEmpty(config.endpointID) {
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigError(path: configPath, problem: "endpoint id \"\(id)\" may hold only letters, digits, - and _")
            }
            let url = "\(runpodBaseURL)/\(id)"
            let label = "runpod \(id)"
            let key = try apiKey(for: url, label: label, config: config, configPath: configPath, environment: environment)
            return .runpod(Endpoint(baseURL: url, apiKey: key, label: label))
        }
        return .demo
    }

    /// An endpoint at an explicit URL, with the key when it needs one.
    private static func endpoint(
        at explicit: String, config: Config, configPath: String, environment: [String: String]
    ) throws(ConfigError) -> Endpoint {
        let url = explicit.hasSuffix("/") ? String(explicit.dropLast()) : explicit
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw ConfigError(path: configPath, problem: "endpoint URL \"\(url)\" must start with http:// or https://")
        }
        let label = host(of: url) ?? url
        let key = try apiKey(for: url, label: label, config: config, configPath: configPath, environment: environment)
        return Endpoint(baseURL: url, apiKey: key, label: label)
    }

    /// The key from the environment; only loopback endpoints may go without one.
    private static func apiKey(
        for url: String, label: String, config: Config, configPath: String, environment: [String: String]
    ) throws(ConfigError) -> String? {
        let variable = config.apiKeyEnvironmentVariable
        let key = nonEmpty(environment[variable])
        if key == nil && !isLoopback(url) {
            throw ConfigError(
                path: configPath,
                problem: "no API key for \(label): set the environment variable \(variable) (the config's \"api_key_env\" names it)"
            )
        }
        return key
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// The host part of an http(s) URL.
    static func host(of url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        return authority.isEmpty ? nil : String(authority)
    }

    /// Whether `url` points at this machine, where a missing key is normal (simulator, local worker).
    static func isLoopback(_ url: String) -> Bool {
        guard let authority = host(of: url) else { return false }
        let hostname = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }.dropFirst()) : String(authority.prefix { $0 != ":" })
        return hostname == "localhost" || hostname.hasPrefix("127.") || hostname == "::1"
    }
}
