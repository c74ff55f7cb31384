extension Config {
    /// Every key a named endpoint (`endpoints.NAME`) understands, for suggestions when one is misspelt.
    package static let endpointKeys = [
        "allow_insecure_http", "api_key", "api_key_command", "api_key_env", "endpoint_id", "endpoint_url", "input_format",
        "model", "openai_base_url", "policy", "price_per_second", "timeouts",
    ]

    /// Where `key` sits in the file, quoted for a message: `"endpoint_url"` at the top level,
    /// `"endpoints.qwen.endpoint_url"` in a named endpoint.
    package func quotedKeyPath(_ key: String) -> String {
        (endpointName.map { "endpoints.\($0).\(key)" } ?? key).quotedForMessage
    }

    /// Whether these settings say where to send requests; without it podchat runs its demo.
    package var hasTarget: Bool { endpointID != nil || endpointURL != nil || openAIBaseURL != nil }

    /// What a named endpoint starts from: the top-level key source, insecure-http permission,
    /// input format, policy, timeouts and everything that is not about an endpoint. The target
    /// (`endpoint_id`, `endpoint_url`, `openai_base_url`), its `model` and its
    /// `price_per_second` describe one machine, so a named endpoint never inherits them.
    var endpointBase: Config {
        var base = self
        base.endpointID = nil
        base.endpointURL = nil
        base.openAIBaseURL = nil
        base.model = nil
        base.price = nil
        base.unknownKeys = []
        base.endpoints = [:]
        base.defaultEndpoint = nil
        return base
    }

    /// Reads `endpoints`: an object of names to objects of one-endpoint settings. Unknown keys
    /// inside an endpoint are collected by their key path, to warn about like top-level ones.
    mutating func readNamedEndpoints(_ value: JSONValue, reader: FieldReader) throws(ConfigError) {
        guard let entries = value.objectValue else {
            throw reader.fail("endpoints", #"an object of endpoint names to settings, e.g. {"qwen": {"endpoint_id": "…"}}"#)
        }
        let base = endpointBase
        for (name, raw) in entries.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("//") {
            let path = "endpoints.\(name)"
            guard !name.trimmingWhitespace.isEmpty else { throw reader.fail(path, "a name that is not blank") }
            guard let fields = raw.objectValue else { throw reader.fail(path, #"an object of settings, e.g. {"endpoint_id": "…"}"#) }
            var endpoint = base
            endpoint.endpointName = name
            for (key, setting) in fields.sorted(by: { $0.key < $1.key }) where !key.hasPrefix("//") {
                if try !endpoint.applyEndpointSetting(key, setting, keyPath: "\(path).\(key)", reader: reader) {
                    unknownKeys.append("\(path).\(key)")
                }
            }
            guard endpoint.hasTarget else {
                throw ConfigError(
                    path: reader.path, problem: "\(path.quotedForMessage) needs \"endpoint_id\", \"endpoint_url\" or \"openai_base_url\"")
            }
            endpoints[name] = endpoint
        }
    }

    /// The default endpoint's name: `named` (`default_endpoint`), which must be in `endpoints`
    /// and leaves no top-level endpoint unreachable; else the only named endpoint when the top
    /// level has none; else nil, the top level. Several named endpoints and nothing else is an
    /// error rather than a silent demo.
    func checkedDefault(_ named: String?, reader: FieldReader) throws(ConfigError) -> String? {
        let known = endpoints.keys.sorted().map(\.quotedForMessage)
        guard let named else {
            if hasTarget || endpoints.isEmpty { return nil }
            if endpoints.count == 1 { return endpoints.keys.first }
            throw ConfigError(
                path: reader.path,
                problem: "\"default_endpoint\" is needed: \"endpoints\" names several (\(known.joined(separator: ", "))) and the top level names none"
            )
        }
        guard endpoints[named] != nil else {
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw ConfigError(
                path: reader.path, problem: "\"default_endpoint\" names \(named.quotedForMessage), which is not in \"endpoints\" (known: \(list))")
        }
        if hasTarget {
            throw ConfigError(
                path: reader.path,
                problem:
                    "\"default_endpoint\" and the top-level endpoint (\"endpoint_id\", \"endpoint_url\" or \"openai_base_url\") both choose the default: move the top-level one into \"endpoints\" or drop \"default_endpoint\""
            )
        }
        return named
    }

    /// The settings `--endpoint` `argument` chooses: a configured name first, else an endpoint
    /// id as before named endpoints (then the top-level settings, with that id); without
    /// `--endpoint`, the default endpoint.
    package func choosingEndpoint(_ argument: String?) -> EndpointSelection {
        if let argument, let named = endpoints[argument] { return EndpointSelection(config: named, endpointID: nil) }
        if let argument { return EndpointSelection(config: self, endpointID: argument) }
        if let name = defaultEndpoint, let named = endpoints[name] { return EndpointSelection(config: named, endpointID: nil) }
        return EndpointSelection(config: self, endpointID: nil)
    }
}
