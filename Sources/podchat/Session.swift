import EndpointClient
import PodchatCore
import PodchatSimulator

/// What a chatting command talks to: the configured endpoint, or in demo mode the built-in
/// simulator started on a free loopback port for as long as the session lives.
struct Session {
    let config: Config
    let endpoint: Endpoint
    let backend: any CompletionBackend
    /// The simulator serving demo mode, if this session started one.
    let simulator: SimulatorServer?

    var isDemo: Bool { simulator != nil }

    /// Opens the session the options and the environment describe.
    static func open(_ options: EndpointOptions, environment: [String: String]) throws -> Session {
        let (config, choice) = try options.resolve(environment: environment)
        let endpoint: Endpoint
        let simulator: SimulatorServer?
        switch choice {
        case .configured(let configured):
            endpoint = configured
            simulator = nil
        case .demo:
            let server = try runBlocking { try await SimulatorServer.start(port: 0) }
            endpoint = Endpoint(baseURL: server.endpointURL(id: "demo"), apiKey: nil, label: "127.0.0.1:\(server.port)")
            simulator = server
        }
        let backend = RunpodBackend(endpoint: endpoint, apiKeyVariable: config.apiKeyEnvironmentVariable)
        return Session(config: config, endpoint: endpoint, backend: backend, simulator: simulator)
    }

    /// The sampling parameters a new conversation starts with.
    var parameters: SamplingParameters {
        SamplingParameters(overrides: config.sampling)
    }

    /// Stops the demo simulator, if any.
    func close() {
        guard let simulator else { return }
        _ = try? runBlocking { try await simulator.stop() }
    }
}
