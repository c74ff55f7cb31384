/// One endpoint the config names, as `podchat endpoints` lists it: a named one, or the
/// top-level one (no name) when the file gives one.
package struct ConfiguredEndpoint: Sendable, Equatable {
    /// The name in `endpoints`; nil for the top-level endpoint.
    package var name: String?
    /// Its settings, inherited ones included, as a run that chooses it uses them.
    package var config: Config
    /// Whether a run without `--endpoint` uses it.
    package var isDefault: Bool

    /// How podchat talks to it: `openai` for an OpenAI-compatible server, else `runpod`, the
    /// job API (the same precedence as ``EndpointChoice/resolve(config:configPath:endpointID:endpointURL:openAIBaseURL:allowsInsecureHTTP:keys:)``).
    package var kind: String { config.openAIBaseURL == nil ? "runpod" : "openai" }

    /// Where its requests go, as configured (before any check).
    package var target: String {
        config.openAIBaseURL ?? config.endpointURL ?? config.endpointID.map { "\(EndpointChoice.runpodBaseURL)/\($0)" } ?? ""
    }
}

extension Config {
    /// Every endpoint this file names: the top-level one first when it has a target, then the
    /// named ones by name.
    package var configuredEndpoints: [ConfiguredEndpoint] {
        let topLevel = hasTarget ? [ConfiguredEndpoint(name: nil, config: self, isDefault: defaultEndpoint == nil)] : []
        let named = endpoints.sorted { $0.key < $1.key }.map { name, config in
            ConfiguredEndpoint(name: name, config: config, isDefault: name == defaultEndpoint)
        }
        return topLevel + named
    }
}
