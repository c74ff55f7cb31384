/// How a job's `input` is shaped for worker-vllm (protocol.md §2).
package enum WorkerInputFormat: Sendable, Equatable {
    /// The shorthand both worker generations accept: `messages` or `prompt`, `sampling_params`
    /// and `stream`. The output shape differs between the generations.
    case native
    /// OpenAI pass-through: `openai_route` and an OpenAI request as `openai_input`, which both
    /// generations answer with the same OpenAI SSE text. With `model` nil the worker fills in
    /// the model it serves.
    case openAI(model: String?)
}
