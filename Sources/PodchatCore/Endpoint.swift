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

/// The endpoint to talk to: a configured one, or demo mode with the built-in simulator.
package enum EndpointChoice: Sendable, Equatable {
    case configured(Endpoint)
    case demo

    /// The prefix of a Runpod Serverless endpoint URL; the endpoint id follows it.
    package static let runpodBaseURL = "https://api.runpod.ai/v2"

    /// Resolves the endpoint: `endpointURL` wins over `endpointID`, command line over config.
    ///
    /// - Parameter environment: where the API key is looked up (by `config.apiKeyEnvironmentVariable`).
    /// - Throws: ``ConfigError`` when a real endpoint needs a key the environment does not have,
    ///   or the URL is not http(s).
    package static func resolve(
        config: Config,
        configPath: String,
        endpointID: String? = nil,
        endpointURL: String? = nil,
        environment: [String: String]
    ) throws(ConfigError) -> EndpointChoice {
        let url: String
        let label: String
        if let explicit = nonEmpty(endpointURL) ?? nonEmpty(config.endpointURL) {
            url = explicit.hasSuffix("/") ? String(explicit.dropLast()) : explicit
            label = host(of: url) ?? url
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigError(path: configPath, problem: "endpoint URL \"\(url)\" must start with http:// or https://")
            }
        } else if let id = nonEmpty(endpointID) ?? nonEmpty(config.endpointID) {
            guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigError(path: configPath, problem: "endpoint id \"\(id)\" may hold only letters, digits, - and _")
            }
            url = "\(runpodBaseURL)/\(id)"
            label = "runpod \(id)"
        } else {
            return .demo
        }
        let variable = config.apiKeyEnvironmentVariable
        let key = nonEmpty(environment[variable])
        if key == nil && !isLoopback(url) {
            throw ConfigError(
                path: configPath,
                problem: "no API key for \(label): set the environment variable \(variable) (the config's \"api_key_env\" names it)"
            )
        }
        return .configured(Endpoint(baseURL: url, apiKey: key, label: label))
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
