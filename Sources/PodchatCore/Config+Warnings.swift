extension Config {
    /// Every top-level key `parse` understands, for suggestions when a key is misspelt.
    package static let knownKeys = [
        "allow_insecure_http", "api_key", "api_key_command", "api_key_env", "default_endpoint", "endpoint_id", "endpoint_url",
        "endpoints", "input_format", "mode", "model", "mouse", "openai_base_url", "policy", "price_per_second", "sampling", "system_prompt",
        "timeouts",
    ]

    /// One line per unknown key in the file at `path`, with the likely intended key when there
    /// is one, e.g. `c.json: unknown key "endpoint" (ignored); did you mean "endpoint_id"?`.
    package func unknownKeyWarnings(path: String) -> [String] {
        unknownKeys.map { key in
            let warning = "\(path): unknown key \(key.quotedForMessage) (ignored)"
            if SamplingParameter.named(key) != nil {
                return warning + "; sampling parameters go inside \"sampling\": {\"\(key)\": …}"
            }
            // An unknown key inside a named endpoint is compared with what an endpoint may hold.
            let (name, candidates) =
                key.hasPrefix("endpoints.") ? (key.split(separator: ".").last.map(String.init) ?? key, Self.endpointKeys) : (key, Self.knownKeys)
            return Self.nearestKnownKey(to: name, among: candidates).map { warning + "; did you mean \"\($0)\"?" } ?? warning
        }
    }

    /// The warning for a file that holds an API key (`api_key`) other users can read, whether
    /// or not another source's key wins this time: the file exposes it either way.
    ///
    /// - Parameter permissions: The file's mode bits (`st_mode`).
    package func keyExposureWarning(path: String, permissions: UInt32) -> String? {
        guard apiKey != nil, permissions & 0o044 != 0 else { return nil }
        return "\(path) holds an API key (\"api_key\") that other users can read: run chmod 600 \(path)"
    }

    /// The known key `key` was most likely meant to be: one a known key starts with, else one
    /// at most two edits away (a typo), else nil.
    ///
    /// - Parameter knownKeys: The keys valid where `key` was found: the top level's, or a named endpoint's.
    static func nearestKnownKey(to key: String, among knownKeys: [String] = knownKeys) -> String? {
        let lowered = key.lowercased()
        // `--endpoint` takes an id, so a bare "endpoint" means "endpoint_id", not the "endpoints" map.
        if lowered == "endpoint" && knownKeys.contains("endpoint_id") { return "endpoint_id" }
        if let extended = knownKeys.filter({ $0.hasPrefix(lowered) }).min(by: { $0.count < $1.count }) { return extended }
        let scored = knownKeys.map { (key: $0, distance: editDistance(lowered, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2, best.distance < key.count else { return nil }
        return best.key
    }

    /// The Levenshtein distance: how many characters must be inserted, deleted or replaced.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let target = Array(second)
        // Row i holds the distances from the first i characters of `first` to each prefix of `second`.
        var previous = Array(0...target.count)
        for (row, character) in first.enumerated() {
            var current = [row + 1]
            for column in target.indices {
                let replace = previous[column] + (character == target[column] ? 0 : 1)
                current.append(min(previous[column + 1] + 1, current[column] + 1, replace))
            }
            previous = current
        }
        return previous[target.count]
    }
}
