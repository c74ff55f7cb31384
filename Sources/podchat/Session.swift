import EndpointClient
import PodchatApp
import PodchatCore
import PodchatSimulator

/// What a chatting command talks to: the configured endpoint, or in demo mode the built-in
/// simulator started on a free loopback port for as long as the session lives.
struct Session: Sendable {
    let config: Config
    let endpoint: Endpoint
    let backend: any CompletionBackend
    /// The job API behind the backend, for status and cancel calls; nil for an OpenAI server.
    let jobs: RunpodJobClient?
    /// The simulator serving demo mode, if this session started one.
    let simulator: SimulatorServer?
    /// What is remembered about endpoints between runs; nil in demo mode, whose simulator is
    /// new each run.
    let memory: EndpointMemory?

    var isDemo: Bool { simulator != nil }

    /// What the chat window shows of this endpoint, called `name` when the config names it.
    func identity(named name: String?) -> EndpointIdentity {
        EndpointIdentity(name: name, label: endpoint.label, isDemo: isDemo, price: config.price, inputFormat: config.inputFormat)
    }

    /// Opens the session the options and the environment describe.
    static func open(_ options: EndpointOptions, environment: [String: String]) throws -> Session {
        let (file, path) = try options.loadConfig(environment: environment)
        return try open(options, file: file, configPath: path, environment: environment)
    }

    /// Opens the session the options choose from `file`, the config read from `configPath`.
    static func open(_ options: EndpointOptions, file: Config, configPath: String, environment: [String: String]) throws -> Session {
        let (config, choice) = try options.resolve(file: file, path: configPath, environment: environment)
        return try open(config: config, choice: choice, environment: environment)
    }

    /// Opens a session with the endpoint `choice`, resolved from `config`.
    static func open(config: Config, choice: EndpointChoice, environment: [String: String]) throws -> Session {
        switch choice {
        case .runpod(let endpoint):
            return runpodSession(config: config, endpoint: endpoint, simulator: nil, memory: .standard(environment: environment))
        case .openAICompatible(let endpoint):
            return openAISession(config: config, endpoint: endpoint)
        case .demo:
            // A reasoning model, as most deployed today are, so demo mode shows thinking too.
            let options = SimulatorOptions(outputFormat: .proxy, thinkingTokens: 24)
            let server = try runBlocking { try await SimulatorServer.start(port: 0, options: options) }
            let endpoint = Endpoint(baseURL: server.endpointURL(id: "demo"), apiKey: nil, label: "127.0.0.1:\(server.port)")
            return runpodSession(config: config, endpoint: endpoint, simulator: server, memory: nil, knownGeneration: .proxy)
        }
    }

    /// - Parameter knownGeneration: the worker generation when podchat knows it without asking
    ///   (its own simulator), else what `memory` remembers.
    private static func runpodSession(
        config: Config, endpoint: Endpoint, simulator: SimulatorServer?, memory: EndpointMemory?, knownGeneration: WorkerGeneration? = nil
    ) -> Session {
        let backend = RunpodBackend(
            endpoint: endpoint, apiKeyVariable: config.apiKeyEnvironmentVariable, options: runpodOptions(config),
            workerGeneration: knownGeneration ?? memory?.generation(of: endpoint.label))
        return Session(config: config, endpoint: endpoint, backend: backend, jobs: backend.jobs, simulator: simulator, memory: memory)
    }

    private static func openAISession(config: Config, endpoint: Endpoint) -> Session {
        let backend = OpenAIBackend(
            baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, apiKeyVariable: config.apiKeyEnvironmentVariable,
            model: config.model, options: runpodOptions(config))
        return Session(config: config, endpoint: endpoint, backend: backend, jobs: nil, simulator: nil, memory: nil)
    }

    /// The client's options from the config: the input format and the job policy.
    static func runpodOptions(_ config: Config) -> RunpodOptions {
        var options = RunpodOptions()
        switch config.inputFormat {
        case .native: options.inputFormat = .native
        case .openai: options.inputFormat = .openAI(model: config.model)
        }
        applyTimeouts(config.timeouts, to: &options)
        if !config.policy.isEmpty {
            options.policy = JobPolicy(
                executionTimeout: config.policy.executionTimeoutMilliseconds.map { .milliseconds($0) },
                timeToLive: config.policy.timeToLiveMilliseconds.map { .milliseconds($0) },
                lowPriority: config.policy.lowPriority)
        }
        return options
    }

    /// The sampling parameters a new conversation starts with.
    var parameters: SamplingParameters {
        SamplingParameters(overrides: config.sampling)
    }

    /// The config's timeouts over podchat's defaults; 0 turns a limit off.
    private static func applyTimeouts(_ timeouts: TimeoutSettings, to options: inout RunpodOptions) {
        func duration(_ seconds: Double) -> Duration { .milliseconds(Int64(seconds * 1000)) }
        func limit(_ seconds: Double) -> Duration? { seconds == 0 ? nil : duration(seconds) }
        if let seconds = timeouts.connectSeconds { options.connectTimeout = duration(seconds) }
        if let seconds = timeouts.requestSeconds { options.requestTimeout = duration(seconds) }
        if let seconds = timeouts.firstTokenSeconds { options.firstTokenTimeout = limit(seconds) }
        if let seconds = timeouts.idleSeconds { options.idleTimeout = limit(seconds) }
        if let seconds = timeouts.queueSeconds { options.queueTimeout = limit(seconds) }
    }

    /// The worker generation the endpoint showed in this run, or the one remembered from before.
    var workerGeneration: WorkerGeneration? {
        (backend as? RunpodBackend)?.workerGeneration
    }

    /// Remembers what this run learned about the endpoint, and stops the demo simulator, if any.
    func close() {
        if let memory, let generation = workerGeneration { memory.remember(generation, for: endpoint.label) }
        guard let simulator else { return }
        _ = try? runBlocking { try await simulator.stop() }
    }
}
