import PodchatCore

/// The OpenAI-compatible request for a ``CompletionRequest``: the route and the JSON body that
/// ``OpenAIBackend`` posts, and that the OpenAI pass-through job input carries as `openai_input`
/// (protocol.md §2.2, §4.1).
package struct OpenAIRequest: Sendable, Equatable {
    /// The operation under the API base: `/chat/completions` or `/completions`.
    package var route: String
    /// The request body.
    package var body: JSONValue

    /// The request for `request`, naming `model` when it is known.
    ///
    /// Chat mode posts `messages` to `/chat/completions`; prompt mode posts `prompt` to
    /// `/completions`, or, when the chat template is wanted, the prompt as one user message to
    /// `/chat/completions` (what the legacy worker's `apply_chat_template` does). Sampling
    /// parameters become top-level fields, shaped for the route
    /// (``CompletionRequest/samplingFields(chat:legacyWorker:)``). A streamed request asks
    /// for the usage chunk, which vLLM allows only together with `stream: true`.
    package init(_ request: CompletionRequest, model: String?) {
        let messages = request.chatMessages
        var fields = request.samplingFields(chat: messages != nil, legacyWorker: false)
        fields["stream"] = .bool(request.stream)
        if request.stream { fields["stream_options"] = .object(["include_usage": .bool(true)]) }
        if let model, !model.isEmpty { fields["model"] = .string(model) }
        if let messages {
            route = "/chat/completions"
            fields["messages"] = .array(messages.map(CompletionRequest.json(for:)))
        } else {
            route = "/completions"
            fields["prompt"] = .string(request.promptText)
        }
        body = .object(fields)
    }
}
