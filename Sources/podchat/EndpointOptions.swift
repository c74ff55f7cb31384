import ArgumentParser
import Foundation
import PodchatCore

/// The options that choose the endpoint and the config, shared by every command that chats.
struct EndpointOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file to read.", valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A named endpoint from the config's \"endpoints\", else a Runpod Serverless endpoint id (overrides the config).",
            valueName: "name-or-id"))
    var endpoint: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("A full endpoint URL, e.g. http://127.0.0.1:8000/v2/local (overrides the config).", valueName: "url")
    )
    var endpointURL: String?

    @Option(
        name: .customLong("openai-base-url"),
        help: ArgumentHelp(
            "An OpenAI-compatible server, e.g. https://api.runpod.ai/v2/ID/openai/v1 or http://localhost:8000/v1 (overrides the config).",
            valueName: "url")
    )
    var openAIBaseURL: String?

    @Option(help: ArgumentHelp("The served model name for OpenAI-style requests (default: the server's first).", valueName: "name"))
    var model: String?

    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp(
            "How a Runpod job carries the conversation: native (messages, sampling_params) or openai (openai_route, openai_input).",
            valueName: "format")
    )
    var inputFormat: InputFormat?

    @Flag(
        name: .customLong("allow-insecure-http"),
        help: "Send the API key over plain http:// even to a host that is not this machine (only on a network you trust)."
    )
    var allowInsecureHTTP = false

    /// An empty value would silently fall back to the config or demo mode; say so instead.
    func validate() throws {
        let given = [
            ("--config", config), ("--endpoint", endpoint), ("--endpoint-url", endpointURL), ("--openai-base-url", openAIBaseURL), ("--model", model),
        ]
        for (flag, value) in given where value?.trimmingWhitespace.isEmpty == true {
            throw ValidationError("\(flag) needs a value; leave the option out to use the config's setting")
        }
    }

    /// The config file to read: `--config`, else `$XDG_CONFIG_HOME/podchat/config.json`
    /// (`~/.config/podchat/config.json` when XDG_CONFIG_HOME is unset).
    func configPath(environment: [String: String]) -> (path: String, isExplicit: Bool) {
        Self.configPath(explicit: config, environment: environment)
    }

    /// The config file to read: `explicit` (a `--config`), else the standard one.
    static func configPath(explicit: String?, environment: [String: String]) -> (path: String, isExplicit: Bool) {
        if let explicit { return (explicit, true) }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return (base + "/podchat/config.json", false)
    }

    /// The config, read from its file (a missing default file means the defaults), with a
    /// warning on stderr for each unknown key and for an API key others can read.
    func loadConfig(environment: [String: String]) throws(ConfigError) -> (config: Config, path: String) {
        try Self.loadConfig(explicit: config, environment: environment)
    }

    /// The config from `explicit` (a `--config`) or the standard file, warnings on stderr.
    static func loadConfig(explicit: String?, environment: [String: String]) throws(ConfigError) -> (config: Config, path: String) {
        let (path, isExplicit) = configPath(explicit: explicit, environment: environment)
        guard let file = try ConfigFile.read(path, isExplicit: isExplicit) else { return (Config(), path) }
        let config = try Config.parse(file.text, path: path)
        let warnings =
            config.unknownKeyWarnings(path: path) + [config.keyExposureWarning(path: path, permissions: file.permissions)].compactMap { $0 }
        for warning in warnings { StandardError.write("podchat: warning: \(warning)") }
        return (config, path)
    }

    /// The config and the endpoint it and the command line choose; prints warnings to stderr.
    func resolve(environment: [String: String]) throws(ConfigError) -> (config: Config, endpoint: EndpointChoice) {
        let (file, path) = try loadConfig(environment: environment)
        return try resolve(file: file, path: path, environment: environment)
    }

    /// The config and the endpoint the command line chooses from `file`, read from `path`.
    func resolve(file: Config, path: String, environment: [String: String]) throws(ConfigError) -> (config: Config, endpoint: EndpointChoice) {
        let selection = file.choosingEndpoint(endpoint)
        let config = selection.config
        let endpoint = try EndpointChoice.resolve(
            config: config, configPath: path, endpointID: selection.endpointID, endpointURL: endpointURL,
            openAIBaseURL: openAIBaseURL, allowsInsecureHTTP: allowInsecureHTTP,
            keys: APIKeyLookup(environment: environment, runCommand: KeyCommand.run))
        return (applyingOverrides(to: config), endpoint)
    }

    /// The config's name for the endpoint `config` describes: nil when the command line gave a
    /// URL of its own, which no name in the config describes.
    func endpointName(of config: Config) -> String? {
        endpointURL == nil && openAIBaseURL == nil ? config.endpointName : nil
    }

    /// The config with this command line's settings on top.
    private func applyingOverrides(to config: Config) -> Config {
        var config = config
        if let model { config.model = model }
        if let inputFormat { config.inputFormat = inputFormat }
        return config
    }
}

extension InputFormat: ExpressibleByArgument {}
