/// Why the config file could not be read, as the program found out; ``error(path:)`` words it
/// with the fix.
package enum ConfigFileProblem: Sendable, Equatable {
    /// Nothing is at the path (a problem only when `--config` named it).
    case missing
    case permissionDenied
    case directory
    /// A device, a pipe or a socket: reading it could block or never end.
    case notRegularFile
    case notUTF8
    /// Anything else, with the system's reason.
    case other(String)

    /// The error for the config file at `path`.
    package func error(path: String) -> ConfigError {
        let problem =
            switch self {
            case .missing: "does not exist: check the path given to --config"
            case .permissionDenied: "cannot be read (permission denied): run chmod 600 \(path) as its owner"
            case .directory: "is a directory, not a file: podchat expects a JSON config file here (see config.example.json)"
            case .notRegularFile: "is not a regular file: podchat expects a JSON config file here (see config.example.json)"
            case .notUTF8: "is not UTF-8 text: save it as UTF-8 JSON (see config.example.json)"
            case .other(let reason): "cannot be read (\(reason))"
            }
        return ConfigError(path: path, problem: problem)
    }
}
