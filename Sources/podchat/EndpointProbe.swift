import EndpointClient
import PodchatCore

/// What `podchat endpoints` asks one endpoint: its `/health` (a Runpod endpoint) and its
/// OpenAI `/models` list (the served model and its context length).
struct EndpointProbe: Sendable {
    /// The job API; nil for an OpenAI-compatible server, which has no queue.
    let jobs: RunpodJobClient?
    /// Asks `GET /models`: the server itself, or a Runpod endpoint's `/openai/v1` route, which
    /// answers without a job of podchat's own (the chat window asks through `/runsync`).
    let models: OpenAIBackend
    let generation: WorkerGeneration?

    /// The probe for `endpoint`, whose key is looked up now, so key commands (a password
    /// manager's prompt) run one at a time before any request.
    static func prepare(_ endpoint: ConfiguredEndpoint, configPath: String, environment: [String: String]) throws -> EndpointProbe {
        let config = endpoint.config
        let choice = try EndpointChoice.resolve(
            config: config, configPath: configPath, keys: APIKeyLookup(environment: environment, runCommand: KeyCommand.run))
        let session = try Session.open(config: config, choice: choice, environment: environment)
        defer { session.close() }
        if let backend = session.backend as? OpenAIBackend {
            return EndpointProbe(jobs: nil, models: backend, generation: nil)
        }
        let route = OpenAIBackend(
            baseURL: session.endpoint.baseURL + "/openai/v1", apiKey: session.endpoint.apiKey,
            apiKeyVariable: config.apiKeyEnvironmentVariable, model: config.model, options: Session.runpodOptions(config))
        return EndpointProbe(jobs: session.jobs, models: route, generation: session.workerGeneration)
    }

    /// `report` with what the endpoint answered, or the first failure.
    func ask(into report: EndpointReport) async -> EndpointReport {
        var report = report
        do {
            if let jobs {
                report.health = try await jobs.health()
                report.generation = generation
            }
            report.model = try await servedModel()
        } catch {
            report.error = "\(error)"
        }
        return report
    }

    /// The served model; a Runpod endpoint whose route lists none (an older worker) is not an
    /// error, while a server that cannot list its models is.
    private func servedModel() async throws -> ModelInfo? {
        if let info = await models.modelInfo() { return info }
        guard jobs == nil else { return nil }
        // modelInfo() keeps its reason to itself; asking the list again words the failure.
        _ = try await models.models()
        return nil
    }
}
