/// A request the model could not take because the conversation and the reply do not fit in
/// its context, with the numbers the server gave, so the app can say what to change.
///
/// vLLM words it in several ways (the numbers are all it keeps); see
/// `WorkerErrorMessage` in EndpointClient, which reads them.
package struct ContextOverflow: Sendable, Equatable, Codable {
    /// The model's context length (`max_model_len`), in tokens.
    package var contextLength: Int
    /// The tokens the conversation (the prompt) takes, when the server said.
    package var promptTokens: Int?
    /// The reply tokens asked for (`max_tokens`), when the server said.
    package var requestedCompletionTokens: Int?

    package init(contextLength: Int, promptTokens: Int? = nil, requestedCompletionTokens: Int? = nil) {
        self.contextLength = contextLength
        self.promptTokens = promptTokens
        self.requestedCompletionTokens = requestedCompletionTokens
    }

    /// Whether the conversation alone fills the context, so no `max_tokens` can help and
    /// older turns must go. Unknown prompt size counts as too long: nothing else is known.
    package var promptAloneTooLong: Bool {
        guard let promptTokens else { return true }
        return promptTokens >= contextLength
    }

    /// The largest `max_tokens` that still fits after the conversation, when it can be known.
    package var roomForCompletion: Int? {
        guard let promptTokens, promptTokens < contextLength else { return nil }
        return contextLength - promptTokens
    }
}
