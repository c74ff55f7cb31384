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
    /// An OpenAI-compatible server's base URL (vLLM, llama.cpp, Ollama, or a Runpod endpoint's
    /// `…/openai/v1`); when set, podchat uses `/chat/completions` instead of the job API.
    package var openAIBaseURL: String?
    /// The served model name for OpenAI-style requests; nil asks the server's `/models`.
    package var model: String?
    /// How messages are put in a Runpod job's input.
    package var inputFormat: InputFormat = .native
    /// Per-job limits sent with every Runpod job, in milliseconds (`policy`).
    package var policy = JobPolicySettings()
    /// How long podchat waits for the endpoint, in seconds; nil keeps podchat's default.
    package var timeouts = TimeoutSettings()
    /// The environment variable that holds the API key (`api_key_env`); it wins over the
    /// other sources (see ``APIKeyLookup``).
    package var apiKeyEnvironmentVariable: String = "RUNPOD_API_KEY"
    /// A shell command that prints the API key (`api_key_command`), e.g. a password manager's.
    package var apiKeyCommand: String?
    /// The API key stored in the file itself (`api_key`), the last resort.
    package var apiKey: APIKey?
    /// Whether the key may go over plain http to a host that is not this machine
    /// (`allow_insecure_http`, like `--allow-insecure-http`).
    package var allowsInsecureHTTP = false
    /// Whether the chat window takes the mouse (wheel and clicks); then Shift selects text.
    package var usesMouse = true
    /// The system message that starts every new conversation; empty for none.
    package var systemPrompt: String = ""
    package var mode: ConversationMode = .chat
    /// What the endpoint costs per GPU-second (`price_per_second`); nil when not given, and
    /// then no cost is shown. Each named endpoint has its own; it is not inherited.
    package var price: GPUPrice?
    /// The named endpoints (`endpoints`), each already merged with the top-level settings it
    /// inherits (see ``Config/endpointBase``), so choosing one is taking its `Config`.
    package var endpoints: [String: Config] = [:]
    /// The named endpoint used when `--endpoint` names none: `default_endpoint`, or the only
    /// named endpoint when there is one and no top-level endpoint; nil means the top level.
    package var defaultEndpoint: String?
    /// This settings' name in `endpoints` when it is a named endpoint, so errors can name the
    /// key path (`endpoints.qwen.endpoint_id`); nil for the top level.
    package var endpointName: String?
    /// Sampling parameters that override podchat's defaults, by wire name, already validated.
    package var sampling: [String: JSONValue] = [:]
    /// Keys the file had that podchat does not know, to warn about.
    package var unknownKeys: [String] = []

    package init() {}

    /// The settings in `text`, the content of the file at `path` (named in errors). A leading
    /// byte-order mark, which some editors write, is skipped.
    package static func parse(_ text: String, path: String) throws(ConfigError) -> Config {
        let document = text.first == "\u{FEFF}" ? String(text.dropFirst()) : text
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(document.utf8))
        } catch {
            let location = JSONSyntaxCheck.firstProblem(in: document).map { ": \($0)" } ?? ""
            throw ConfigError(path: path, problem: "is not valid JSON\(location); compare it with config.example.json")
        }
        guard let fields = root.objectValue else {
            throw ConfigError(path: path, problem: "must hold a JSON object { … } at the top level")
        }
        var config = Config()
        let reader = FieldReader(path: path)
        var named: JSONValue?
        var defaultName: String?
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("//") {
            if try config.applyEndpointSetting(key, value, keyPath: key, reader: reader) { continue }
            switch key {
            case "mouse": config.usesMouse = try reader.bool(value, key: key)
            case "system_prompt": config.systemPrompt = try reader.string(value, key: key)
            case "mode": config.mode = try reader.mode(value, key: key)
            case "sampling": config.sampling = try reader.sampling(value, key: key)
            case "endpoints": named = value
            case "default_endpoint": defaultName = try reader.optionalString(value, key: key)
            default: config.unknownKeys.append(key)
            }
        }
        // After the loop, so every endpoint inherits the top-level settings whatever their order.
        if let named { try config.readNamedEndpoints(named, reader: reader) }
        config.defaultEndpoint = try config.checkedDefault(defaultName, reader: reader)
        return config
    }

    /// Sets the one-endpoint setting `key` (at `keyPath` in the file, for errors) from `value`;
    /// false when `key` is not such a setting.
    mutating func applyEndpointSetting(_ key: String, _ value: JSONValue, keyPath: String, reader: FieldReader) throws(ConfigError) -> Bool {
        switch key {
        case "endpoint_id": endpointID = try reader.optionalString(value, key: keyPath)
        case "endpoint_url": endpointURL = try reader.optionalString(value, key: keyPath)
        case "openai_base_url": openAIBaseURL = try reader.optionalString(value, key: keyPath)
        case "model": model = try reader.optionalString(value, key: keyPath)
        case "api_key_env": apiKeyEnvironmentVariable = try reader.variableName(value, key: keyPath)
        case "api_key_command": apiKeyCommand = try reader.optionalString(value, key: keyPath)
        case "api_key": apiKey = try reader.apiKey(value, key: keyPath)
        case "allow_insecure_http": allowsInsecureHTTP = try reader.bool(value, key: keyPath)
        case "input_format": inputFormat = try reader.inputFormat(value, key: keyPath)
        case "policy": policy = try reader.policy(value, key: keyPath)
        case "timeouts": timeouts = try reader.timeouts(value, key: keyPath)
        case "price_per_second": price = try reader.price(value, key: keyPath)
        default: return false
        }
        return true
    }
}

/// How a conversation is put into a Runpod job's `input`.
package enum InputFormat: String, Sendable, Equatable, CaseIterable {
    /// worker-vllm's own shape: `messages` or `prompt`, `sampling_params`, `stream`.
    case native
    /// The OpenAI pass-through: `openai_route` and `openai_input`, which both worker
    /// generations accept.
    case openai
}

/// The per-job `policy` limits from the config; nil leaves the endpoint's own setting.
package struct JobPolicySettings: Sendable, Equatable {
    package var executionTimeoutMilliseconds: Int?
    package var timeToLiveMilliseconds: Int?
    package var lowPriority: Bool?

    package init(executionTimeoutMilliseconds: Int? = nil, timeToLiveMilliseconds: Int? = nil, lowPriority: Bool? = nil) {
        self.executionTimeoutMilliseconds = executionTimeoutMilliseconds
        self.timeToLiveMilliseconds = timeToLiveMilliseconds
        self.lowPriority = lowPriority
    }

    package var isEmpty: Bool { self == JobPolicySettings() }
}

/// How long podchat waits, in seconds, from the config's `timeouts`. For the first-token, idle
/// and queue limits, 0 turns the limit off; nil keeps podchat's default.
package struct TimeoutSettings: Sendable, Equatable {
    package var connectSeconds: Double?
    package var requestSeconds: Double?
    package var firstTokenSeconds: Double?
    package var idleSeconds: Double?
    package var queueSeconds: Double?

    package init(
        connectSeconds: Double? = nil, requestSeconds: Double? = nil, firstTokenSeconds: Double? = nil,
        idleSeconds: Double? = nil, queueSeconds: Double? = nil
    ) {
        self.connectSeconds = connectSeconds
        self.requestSeconds = requestSeconds
        self.firstTokenSeconds = firstTokenSeconds
        self.idleSeconds = idleSeconds
        self.queueSeconds = queueSeconds
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
struct FieldReader {
    let path: String

    func fail(_ key: String, _ expectation: String) -> ConfigError {
        ConfigError(path: path, problem: "\(key.quotedForMessage) must be \(expectation)")
    }

    func string(_ value: JSONValue, key: String) throws(ConfigError) -> String {
        guard let text = value.stringValue else { throw fail(key, "a string") }
        return text
    }

    func bool(_ value: JSONValue, key: String) throws(ConfigError) -> Bool {
        guard case .bool(let flag) = value else { throw fail(key, "true or false") }
        return flag
    }

    func variableName(_ value: JSONValue, key: String) throws(ConfigError) -> String {
        guard let name = value.stringValue, !name.isEmpty, !name.contains("="), !name.contains(where: \.isWhitespace) else {
            throw fail(key, "the name of an environment variable, e.g. \"RUNPOD_API_KEY\"")
        }
        return name
    }

    /// The stored key, checked like a key from any other source; empty means none.
    func apiKey(_ value: JSONValue, key: String) throws(ConfigError) -> APIKey? {
        guard let text = try optionalString(value, key: key)?.trimmingWhitespace, !text.isEmpty else { return nil }
        return try APIKeyLookup.checked(text, source: .configFile(path: path), errorPath: path)
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

    func inputFormat(_ value: JSONValue, key: String) throws(ConfigError) -> InputFormat {
        guard let text = value.stringValue, let format = InputFormat(rawValue: text) else {
            throw fail(key, "\"native\" or \"openai\"")
        }
        return format
    }

    /// Runpod's limits: executionTimeout 5 s … 7 days, ttl 10 s … 7 days (protocol.md §1.2).
    func policy(_ value: JSONValue, key: String) throws(ConfigError) -> JobPolicySettings {
        guard let fields = value.objectValue else { throw fail(key, "an object") }
        let week = 7 * 24 * 3_600_000
        var policy = JobPolicySettings()
        for (name, raw) in fields where !name.hasPrefix("//") {
            switch name {
            case "execution_timeout_ms": policy.executionTimeoutMilliseconds = try milliseconds(raw, key: "\(key).\(name)", in: 5_000...week)
            case "ttl_ms": policy.timeToLiveMilliseconds = try milliseconds(raw, key: "\(key).\(name)", in: 10_000...week)
            case "low_priority": policy.lowPriority = try bool(raw, key: "\(key).\(name)")
            default:
                throw ConfigError(
                    path: path,
                    problem: "\("\(key).\(name)".quotedForMessage) is not a policy setting (known: execution_timeout_ms, ttl_ms, low_priority)")
            }
        }
        return policy
    }

    func timeouts(_ value: JSONValue, key: String) throws(ConfigError) -> TimeoutSettings {
        guard let fields = value.objectValue else { throw fail(key, "an object") }
        var timeouts = TimeoutSettings()
        for (name, raw) in fields where !name.hasPrefix("//") {
            let path = "\(key).\(name)"
            switch name {
            case "connect_seconds": timeouts.connectSeconds = try seconds(raw, key: path, allowsOff: false)
            case "request_seconds": timeouts.requestSeconds = try seconds(raw, key: path, allowsOff: false)
            case "first_token_seconds": timeouts.firstTokenSeconds = try seconds(raw, key: path, allowsOff: true)
            case "idle_seconds": timeouts.idleSeconds = try seconds(raw, key: path, allowsOff: true)
            case "queue_seconds": timeouts.queueSeconds = try seconds(raw, key: path, allowsOff: true)
            default:
                throw ConfigError(
                    path: self.path,
                    problem:
                        "\(path.quotedForMessage) is not a timeout (known: connect_seconds, request_seconds, first_token_seconds, idle_seconds, queue_seconds)"
                )
            }
        }
        return timeouts
    }

    func seconds(_ value: JSONValue, key: String, allowsOff: Bool) throws(ConfigError) -> Double {
        guard let number = value.numberValue, number >= 0, number <= 86_400, allowsOff || number > 0 else {
            throw fail(key, allowsOff ? "a number of seconds from 0 (off) to 86400" : "a number of seconds above 0, at most 86400")
        }
        return number
    }

    /// Dollars per GPU-second: above 0 and at most 1 (the dearest Runpod GPU costs well under
    /// a cent a second, so more is a typo such as a price per hour); null for none.
    func price(_ value: JSONValue, key: String) throws(ConfigError) -> GPUPrice? {
        if value == .null { return nil }
        guard let number = value.numberValue, number > 0, number <= 1 else {
            throw fail(key, "dollars per GPU-second above 0, at most 1, e.g. 0.00031")
        }
        return GPUPrice(dollarsPerSecond: number)
    }

    func milliseconds(_ value: JSONValue, key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let number = value.intValue, range.contains(number) else {
            throw fail(key, "a whole number of milliseconds in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    func sampling(_ value: JSONValue, key: String) throws(ConfigError) -> [String: JSONValue] {
        guard let fields = value.objectValue else { throw fail(key, "an object of parameter names to values") }
        var result: [String: JSONValue] = [:]
        for (name, raw) in fields where !name.hasPrefix("//") {
            guard let parameter = SamplingParameter.named(name) else {
                let known = SamplingParameter.all.map(\.name).joined(separator: ", ")
                throw ConfigError(path: path, problem: "\("\(key).\(name)".quotedForMessage) is not a known sampling parameter (known: \(known))")
            }
            if parameter.problem(with: raw) != nil { throw fail("\(key).\(name)", parameter.expectation) }
            result[name] = raw
        }
        return result
    }
}
