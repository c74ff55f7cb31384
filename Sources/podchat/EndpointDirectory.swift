import PodchatApp
import PodchatCore
import Synchronization

/// The config's named endpoints, opened on demand for the chat window's `/endpoint NAME`, and
/// closed together when the window closes (so what each run learned is remembered).
final class EndpointDirectory: Sendable {
    private let file: Config
    private let configPath: String
    private let environment: [String: String]
    private let sessions = Mutex<[Session]>([])

    /// - Parameters:
    ///   - file: the config as read, with every named endpoint.
    ///   - configPath: the file it came from, for messages that name it.
    init(file: Config, configPath: String, environment: [String: String]) {
        self.file = file
        self.configPath = configPath
        self.environment = environment
    }

    /// The names `/endpoint` accepts.
    var names: [String] { file.endpoints.keys.sorted() }

    /// Each named endpoint's price by name, so replies from any of them are priced.
    var prices: [String: GPUPrice] { file.endpoints.compactMapValues(\.price) }

    /// Opens endpoint `name`: looks its key up (perhaps running its `api_key_command`) and
    /// builds its client. Throws ``ConfigError`` naming the file and key when it cannot be used.
    func open(_ name: String) throws -> OpenedEndpoint {
        guard let named = file.endpoints[name] else {
            throw ConfigError(path: configPath, problem: "\"endpoints\" names no \(name.quotedForMessage)")
        }
        let choice = try EndpointChoice.resolve(
            config: named, configPath: configPath, keys: APIKeyLookup(environment: environment, runCommand: KeyCommand.run))
        let session = try Session.open(config: named, choice: choice, environment: environment)
        sessions.withLock { $0.append(session) }
        return OpenedEndpoint(backend: session.backend, identity: session.identity(named: name))
    }

    /// Closes every endpoint opened here.
    func close() {
        for session in sessions.withLock({ $0 }) { session.close() }
    }
}
