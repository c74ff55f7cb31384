/// How the simulated endpoint behaves.
package struct SimulatorOptions: Sendable {
    /// Time between generated tokens (one engine step).
    package var tokenDelay: Duration
    /// How long a job stays `IN_QUEUE` before a worker picks it up.
    package var queueDelay: Duration
    /// Which worker-vllm generation's output shapes to produce.
    package var outputFormat: WorkerOutputFormat
    /// When set, requests without `Authorization: Bearer <key>` get 401; the SDK's local
    /// server dialect ignores it, as the real one does.
    package var requiredAPIKey: String?
    /// The model ID the simulated worker serves: listed by `/v1/models`, and used in OpenAI
    /// responses whose request names no model.
    package var servedModel: String
    /// Which server's HTTP behaviour to imitate.
    package var dialect: SimulatorDialect

    package init(
        tokenDelay: Duration = .milliseconds(25),
        queueDelay: Duration = .zero,
        outputFormat: WorkerOutputFormat = .legacy,
        requiredAPIKey: String? = nil,
        servedModel: String = "podchat/simulated-model",
        dialect: SimulatorDialect = .serverless
    ) {
        self.tokenDelay = tokenDelay
        self.queueDelay = queueDelay
        self.outputFormat = outputFormat
        self.requiredAPIKey = requiredAPIKey
        self.servedModel = servedModel
        self.dialect = dialect
    }
}
