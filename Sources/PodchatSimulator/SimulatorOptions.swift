/// How the simulated endpoint behaves.
package struct SimulatorOptions: Sendable {
    /// Time between generated tokens (one engine step).
    package var tokenDelay: Duration
    /// How long a job stays `IN_QUEUE` before a worker picks it up.
    package var queueDelay: Duration
    /// Which worker-vllm generation's output shapes to produce. The library's default is the
    /// legacy worker, which the older test suites were written against; podchat itself (demo
    /// mode, `podchat simulate`) and the tests of today's behaviour ask for `.proxy`.
    package var outputFormat: WorkerOutputFormat
    /// When set, requests without `Authorization: Bearer <key>` get 401; the SDK's local
    /// server dialect ignores it, as the real one does.
    package var requiredAPIKey: String?
    /// The model ID the simulated worker serves: listed by `/v1/models`, and used in OpenAI
    /// responses whose request names no model.
    package var servedModel: String
    /// Which server's HTTP behaviour to imitate.
    package var dialect: SimulatorDialect
    /// The model's `generation_config.json` defaults, which the proxy worker (vLLM's OpenAI
    /// server) applies to fields a request leaves out.
    package var modelDefaults: ModelDefaults
    /// The model's context length, listed by `/v1/models`. On OpenAI-shaped requests (the proxy
    /// worker, and any worker's OpenAI route) prompt tokens plus `max_tokens` must fit in it,
    /// and a chat without `max_tokens` may fill what is left; set it small to test overflow.
    package var maxModelLen: Int
    /// When set, the model is a reasoning model: every chat reply on the proxy worker thinks
    /// this many tokens at `reasoning_effort` medium before it answers (as `[[sim:think=N]]`
    /// does for one job). The legacy worker never shows reasoning.
    package var thinkingTokens: Int?
    /// The field the thinking arrives in: `reasoning` (vLLM 0.27) or `reasoning_content` (older vLLM).
    package var reasoningField: ReasoningField

    package init(
        tokenDelay: Duration = .milliseconds(25),
        queueDelay: Duration = .zero,
        outputFormat: WorkerOutputFormat = .legacy,
        requiredAPIKey: String? = nil,
        servedModel: String = "podchat/simulated-model",
        dialect: SimulatorDialect = .serverless,
        modelDefaults: ModelDefaults = ModelDefaults(),
        maxModelLen: Int = 8192,
        thinkingTokens: Int? = nil,
        reasoningField: ReasoningField = .reasoning
    ) {
        self.tokenDelay = tokenDelay
        self.queueDelay = queueDelay
        self.outputFormat = outputFormat
        self.requiredAPIKey = requiredAPIKey
        self.servedModel = servedModel
        self.dialect = dialect
        self.modelDefaults = modelDefaults
        self.maxModelLen = maxModelLen
        self.thinkingTokens = thinkingTokens
        self.reasoningField = reasoningField
    }
}
