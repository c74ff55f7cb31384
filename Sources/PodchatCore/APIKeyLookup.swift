/// Finds the API key an endpoint needs. The first source that has one wins:
///
/// 1. the environment variable the config names (`api_key_env`, by default `RUNPOD_API_KEY`),
///    because it is the most deliberate choice: set for this run or this shell;
/// 2. the standard output of the config's `api_key_command`, run only when the environment
///    has no key, so a password manager is not asked needlessly;
/// 3. the config's own `api_key`.
///
/// Whatever the source, the key is trimmed and must be visible ASCII with no spaces: anything
/// else cannot travel in an HTTP header, and a line break there would let a key smuggle in
/// headers. Errors name the source and the fix, never the key or the command's output.
package struct APIKeyLookup: Sendable {
    /// The longest output accepted from `api_key_command`; keys are far shorter.
    static let longestCommandOutput = 4096

    package var environment: [String: String]
    /// Runs `api_key_command` through `/bin/sh -c`; the program supplies it, since the core
    /// starts no processes.
    package var runCommand: @Sendable (String) -> KeyCommandOutcome

    package init(environment: [String: String], runCommand: @escaping @Sendable (String) -> KeyCommandOutcome) {
        self.environment = environment
        self.runCommand = runCommand
    }

    /// The key for the settings in `config` (read from `configPath`), or nil when no source has one.
    package func key(config: Config, configPath: String) throws(ConfigError) -> APIKey? {
        let variable = config.apiKeyEnvironmentVariable
        let fromEnvironment = (environment[variable] ?? "").trimmingWhitespace
        if !fromEnvironment.isEmpty {
            return try Self.checked(fromEnvironment, source: .environment(variable: variable), errorPath: "$\(variable)")
        }
        if let command = config.apiKeyCommand {
            return try key(fromCommand: command, configPath: configPath, setting: config.quotedKeyPath("api_key_command"))
        }
        return config.apiKey
    }

    /// - Parameter setting: The command's key path in the file, quoted, for errors.
    private func key(fromCommand command: String, configPath: String, setting: String) throws(ConfigError) -> APIKey {
        func failure(_ problem: String) -> ConfigError {
            ConfigError(path: configPath, problem: "\(setting) \(problem)")
        }
        let output: [UInt8]
        switch runCommand(command) {
        case .exited(status: 0, let printed):
            output = printed
        case .exited(status: 127, _):
            throw failure("failed: the shell could not find the command (exit status 127); check its spelling and PATH")
        case .exited(let status, _):
            throw failure(
                "failed with exit status \(status) (its output is not shown, as it may hold the key); run the command yourself to see why")
        case .killed(let signal):
            throw failure("was ended by signal \(signal) before printing a key")
        case .notStarted(let reason):
            throw failure("could not be started (\(reason)); podchat runs it with /bin/sh -c")
        }
        guard output.count <= Self.longestCommandOutput else {
            throw failure("printed more than \(Self.longestCommandOutput) bytes, too many for an API key; it must print only the key")
        }
        let text = String(decoding: output, as: UTF8.self).trimmingWhitespace
        guard !text.isEmpty else { throw failure("printed nothing; it must print the API key on standard output") }
        guard !text.contains(where: \.isNewline) else {
            throw failure("printed more than one line; it must print only the API key")
        }
        return try Self.checked(text, source: .command(configPath: configPath), errorPath: configPath)
    }

    /// `key` when it can go in an HTTP header, else an error that names `source`, not the key.
    static func checked(_ key: String, source: APIKeySource, errorPath: String) throws(ConfigError) -> APIKey {
        guard key.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else {
            throw ConfigError(
                path: errorPath,
                problem:
                    "the API key from \(source) holds spaces, control or non-ASCII characters, which an HTTP header cannot carry; it must be the key alone"
            )
        }
        return APIKey(key, source: source)
    }
}
