/// What the simulated worker made of one job it was given: the request log's entry per job,
/// for tests that check what reached the model.
package struct JobRecord: Sendable, Equatable {
    /// The job's id, `sync-…` for `/runsync` and OpenAI-route jobs.
    package var id: String
    /// The vLLM route the job went to (`/v1/chat/completions`, `/v1/completions`,
    /// `/v1/models`), "native" for the legacy worker's own generation, nil when the worker
    /// refused the input before any route.
    package var route: String?
    /// Whether a chat template made the prompt: always for messages; for a `prompt`, only on
    /// the legacy worker with `apply_chat_template` (the proxy worker completes it raw).
    package var chatTemplateApplied: Bool?
    /// The sampling values the model ran with, defaults filled in; nil when nothing was generated.
    package var sampling: EffectiveSampling?
    /// How many tokens the reply was set to think before `max_tokens` applied.
    package var thinkingTokens: Int
    /// The `error` the job was refused with before generating, if it was.
    package var refusal: String?
}
