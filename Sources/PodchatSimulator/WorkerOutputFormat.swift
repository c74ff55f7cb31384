/// Which worker-vllm generation the simulator imitates (protocol.md §2.0, §3).
package enum WorkerOutputFormat: String, Sendable, CaseIterable {
    /// worker-vllm ≤ 2.23: `{"choices":[{"tokens":[…]}],"usage":{"input":N,"output":M}}` chunks,
    /// grouped 1, 3, 9, 27, 50, 50… tokens; OpenAI-route streams grouped the same way.
    case legacy
    /// worker-vllm ≥ 2.24: raw SSE text split at arbitrary points when streaming, plain OpenAI
    /// JSON (`chat.completion` / `text_completion`) otherwise.
    case proxy
}
