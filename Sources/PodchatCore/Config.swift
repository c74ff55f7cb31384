#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// podchat's settings as read from `config.json`. Every field is optional in the file; keys
/// that start with `//` are comments and are ignored.
package struct Config: Sendable, Equatable {
    /// A Runpod Serverless endpoint id; requests go to `https://api.runpod.ai/v2/<id>`.
    package var endpointID: String?
    /// A full endpoint URL (wins over `endpointID`), e.g. a local simulator's `http://127.0.0.1:8000/v2/demo`.
    package var endpointURL: String?
    /// The environment variable that holds the API key.
    package var apiKeyEnvironmentVariable: String = "RUNPOD_API_KEY"
    /// The system message that starts every new conversation; empty for none.
    package var systemPrompt: String = ""
    package var mode: ConversationMode = .chat
    /// Sampling parameters that override podchat's defaults, by wire name.
    package var sampling: [String: Double] = [:]
    /// Keys the file had that podchat does not know, to warn about.
    package var unknownKeys: [String] = []

    package init() {}

    /// The settings in `text`, the content of the file at `path` (named in errors).
    package static func parse(_ text: String, path: String) throws(ConfigError) -> Config {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw ConfigError(path: path, problem: "is not valid JSON (\(describe(error)))")
        }
        guard let fields = root.objectValue else {
            throw ConfigError(path: path, problem: "must hold a JSON object { … } at the top level")
        }
        var config = Config()
        let reader = FieldReader(path: path)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("//") {
            switch key {
            case "endpoint_id": config.endpointID = try reader.optionalString(value, key: key)
            case "endpoint_url": config.endpointURL = try reader.optionalString(value, key: key)
            case "api_key_env": config.apiKeyEnvironmentVariable = try reader.string(value, key: key)
            case "system_prompt": config.systemPrompt = try reader.string(value, key: key)
            case "mode": config.mode = try reader.mode(value, key: key)
            case "sampling": config.sampling = try reader.sampling(value, key: key)
            default: config.unknownKeys.append(key)
            }
        }
        return config
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0)" } ?? context.debugDescription
        }
        return "\(error)"
    }
}

/// A configuration problem, always naming the file and the key.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    package var path: String
    package var problem: String

    package init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    package var description: String { "\(path): \(problem)" }
}

/// Reads typed fields out of the config's JSON, with errors that say which key is wrong.
private struct FieldReader {
    let path: String

    func fail(_ key: String, _ expectation: String) -> ConfigError {
        ConfigError(path: path, problem: "\"\(key)\" must be \(expectation)")
    }

    func string(_ value: JSONValue, key: String) throws(ConfigError) -> String {
        guard let text = value.stringValue else { throw fail(key, "a string") }
        return text
    }

    func optionalString(_ value: JSONValue, key: String) throws(ConfigError) -> String? {
        if value == .null { return nil }
        let text = try string(value, key: key)
        return text.isEmpty ? nil : text
    }

    func mode(_ value: JSONValue, key: String) throws(ConfigError) -> ConversationMode {
        guard let text = value.stringValue, let mode = ConversationMode(rawValue: text) else {
            throw fail(key, "\"chat\" or \"prompt\"")
        }
        return mode
    }

    func sampling(_ value: JSONValue, key: String) throws(ConfigError) -> [String: Double] {
        guard let fields = value.objectValue else { throw fail(key, "an object of parameter names to numbers") }
        var result: [String: Double] = [:]
        for (name, raw) in fields where !name.hasPrefix("//") {
            guard let parameter = SamplingParameter.named(name) else {
                let known = SamplingParameter.all.map(\.name).joined(separator: ", ")
                throw ConfigError(path: path, problem: "\"\(key).\(name)\" is not a known sampling parameter (known: \(known))")
            }
            guard let number = raw.numberValue, parameter.accepts(number) else {
                let kind = parameter.kind == .integer ? "a whole number" : "a number"
                let range = "\(parameter.format(parameter.minimum))…\(parameter.format(parameter.maximum))"
                throw fail("\(key).\(name)", "\(kind) in \(range)")
            }
            result[name] = number
        }
        return result
    }
}
