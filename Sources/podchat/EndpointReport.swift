import EndpointClient
import PodchatCore

/// One line of `podchat endpoints`: a configured endpoint and, unless offline, what asking it
/// found out, or why asking failed.
struct EndpointReport: Sendable {
    let endpoint: ConfiguredEndpoint
    /// Queue and worker counts; nil for an OpenAI-compatible server, which has no job queue.
    var health: EndpointHealth?
    /// The worker generation an earlier run saw; `/health` itself does not say.
    var generation: WorkerGeneration?
    var model: ModelInfo?
    /// Why the endpoint could not be asked, as podchat words it elsewhere.
    var error: String?

    init(endpoint: ConfiguredEndpoint) {
        self.endpoint = endpoint
    }

    /// The name as listed: the top-level endpoint has none.
    private var shownName: String { endpoint.name ?? "(top level)" }

    /// For people: the endpoint on one line, `*` marking the default, and below it what was
    /// found out, when it was asked.
    func lines(asked: Bool) -> [String] {
        let mark = endpoint.isDefault ? "* " : "  "
        let first = "\(mark)\(shownName)  \(endpoint.kind)  \(endpoint.target)"
        guard asked else { return [first] }
        if let error { return [first, "    error: \(error)"] }
        var facts: [String] = []
        if let health {
            facts.append("queue \(health.jobsInQueue) waiting, \(health.jobsInProgress) running")
            facts.append(
                "workers \(health.workersIdle) idle, \(health.workersRunning) running, \(health.workersInitializing) starting, \(health.workersThrottled) throttled"
            )
            facts.append("generation \(generation?.rawValue ?? "unknown")")
        }
        facts.append("model \(model?.id ?? "unknown")")
        facts.append("context \(model?.maxModelLength.map(String.init) ?? "unknown")")
        return [first, "    " + facts.joined(separator: " · ")]
    }

    /// For programs: every field, null when unknown or not asked.
    var json: JSONValue {
        func number(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
        let healthJSON: JSONValue =
            health.map { health in
                .object([
                    "jobs_in_queue": number(health.jobsInQueue), "jobs_in_progress": number(health.jobsInProgress),
                    "workers_idle": number(health.workersIdle), "workers_running": number(health.workersRunning),
                    "workers_initializing": number(health.workersInitializing), "workers_throttled": number(health.workersThrottled),
                ])
            } ?? .null
        return .object([
            "name": endpoint.name.map(JSONValue.string) ?? .null, "default": .bool(endpoint.isDefault),
            "kind": .string(endpoint.kind), "target": .string(endpoint.target), "health": healthJSON,
            "worker_generation": generation.map { .string($0.rawValue) } ?? .null,
            "model": model.map { .string($0.id) } ?? .null, "context_length": number(model?.maxModelLength),
            "error": error.map(JSONValue.string) ?? .null,
        ])
    }
}
