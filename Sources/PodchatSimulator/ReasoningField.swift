/// The name vLLM gives a reasoning model's thinking in chat output: `delta.<name>` when
/// streaming, `message.<name>` otherwise.
package enum ReasoningField: String, Sendable, CaseIterable {
    /// vLLM 0.27 (and every release since the rename).
    case reasoning
    /// Older vLLM.
    case reasoningContent = "reasoning_content"
}
