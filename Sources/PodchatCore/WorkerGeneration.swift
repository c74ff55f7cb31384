/// Which generation of worker-vllm serves an endpoint, as told by the shape of its output
/// (protocol-2026.md): the two accept different request fields and write different output.
package enum WorkerGeneration: String, Sendable, Equatable, Codable, CaseIterable {
    /// worker-vllm ≤ v2.23: runs vLLM's engine in the worker; output objects with
    /// `choices[].tokens`; fails a job on any field vLLM's `SamplingParams` lacks.
    case legacy
    /// worker-vllm ≥ v2.24: forwards each job to `vllm serve`'s OpenAI server; streamed output
    /// is raw SSE text; unknown fields are ignored and omitted ones take the model's defaults.
    case proxy

    /// How the status bar names it, briefly: the versions are in the README.
    package var label: String {
        switch self {
        case .legacy: "legacy worker"
        case .proxy: "proxy worker"
        }
    }
}
