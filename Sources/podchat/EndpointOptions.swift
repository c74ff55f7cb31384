import ArgumentParser
import Foundation
import PodchatCore

/// The options that choose the endpoint and the config, shared by every command that chats.
struct EndpointOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file to read.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A Runpod Serverless endpoint id (overrides the config).", valueName: "id"))
    var endpoint: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("A full endpoint URL, e.g. http://127.0.0.1:8000/v2/local (overrides the config).", valueName: "url")
    )
    var endpointURL: String?

    @Option(
        name: .customLong("openai-base-url"),
        help: ArgumentHelp("An OpenAI-compatible server, e.g. https://api.runpod.ai/v2/ID/openai/v1 or http://localhost:8000/v1 (overrides the config).", valueName: "url")
    )
    var openAIBaseURL: String?

    @Option(help: ArgumentHelp("The served model name for OpenAI-style requests (default: the server's first).", valueName: "name"))
    var model: String?

    @Option(
        name: .customLong("input-format"),
        help: ArgumentHelp("How a Runpod job carries the conversation: native (messages, sampling_params) or openai (openai_route, openai_input).", valueName: "format")
    )
    var inputFormat: InputFormat?

    /// The config file to read: `--config`, else `$XDG_CONFIG_HOME/podchat/config.json`
    /// (`~/.config/podchat/config.json` when XDG_CONFIG_HOME is unset).
    func configPath(environment: [String: String]) -> (path: String, isExplicit: Bool) {
        if let config { return (config, true) }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return (base + "/podchat/config.json", false)
    }

    /// The config, read from its file; a missing default file means the defaults.
    func loadConfig(environment: [String: String]) throws(ConfigError) -> (config: Config, path: String) {
        let (path, isExplicit) = configPath(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            if isExplicit { throw ConfigError(path: path, problem: "does not exist") }
            return (Config(), path)
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(path: path, problem: "cannot be read as UTF-8 text (\(error.localizedDescription))")
        }
        return (try Config.parse(text, path: path), path)
    }

    /// The config and the endpoint it and the command line choose; prints warnings to stderr.
    func resolve(environment: [String: String]) throws(ConfigError) -> (config: Config, endpoint: EndpointChoice) {
        let (config, path) = try loadConfig(environment: environment)
        for key in config.unknownKeys {
            StandardError.write("podchat: warning: \(path): unknown key \"\(key)\" is ignored (see config.example.json)")
        }
        let endpoint = try EndpointChoice.resolve(
            config: config, configPath: path, endpointID: endpoint, endpointURL: endpointURL,
            openAIBaseURL: openAIBaseURL, environment: environment)
        return (applyingOverrides(to: config), endpoint)
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
