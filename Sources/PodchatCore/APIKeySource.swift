/// Where podchat found the API key, so messages can say where to fix it without showing it.
package enum APIKeySource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable (`api_key_env`, by default `RUNPOD_API_KEY`).
    case environment(variable: String)
    /// The standard output of the config's `api_key_command`.
    case command(configPath: String)
    /// The config's `api_key`, stored in the file itself.
    case configFile(path: String)

    /// The source in words that fit after "reads it from", e.g. `the environment variable RUNPOD_API_KEY`.
    package var description: String {
        switch self {
        case .environment(let variable): "the environment variable \(variable)"
        case .command(let path): "the output of \"api_key_command\" in \(path)"
        case .configFile(let path): "\"api_key\" in \(path)"
        }
    }
}
