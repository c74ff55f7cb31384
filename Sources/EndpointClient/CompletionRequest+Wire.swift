import PodchatCore

/// What a request looks like on the wire, shared by the native job input and OpenAI bodies.
extension CompletionRequest {
    /// The messages to send to a chat route, or nil when the request goes to a completions
    /// route as a raw `prompt`. A prompt that wants the chat template goes as one user
    /// message: the proxy worker does not read `apply_chat_template`, and every chat route
    /// templates messages (the legacy worker did exactly this with such a prompt).
    var chatMessages: [Message]? {
        switch (mode, applyChatTemplate) {
        case (.chat, _): messages
        case (.prompt, true): [Message(role: .user, content: promptText)]
        case (.prompt, false): nil
        }
    }

    /// The set sampling parameters as body fields (`sampling_params`, or an OpenAI body's top
    /// level), shaped for the route and the worker.
    ///
    /// - `logprobs` N: chat routes take `logprobs: true` with `top_logprobs: N` and fail the
    ///   request on an integer; completions routes and vLLM's `SamplingParams` (the legacy
    ///   worker's native input) take the integer.
    /// - Template switches (`enable_thinking`) go in `chat_template_kwargs`, for chat routes
    ///   only: a completions route has no template.
    /// - The legacy worker fails a job on any field its `SamplingParams` lacks, so those it
    ///   does not accept (``SamplingParameter/legacyWorkerAccepts``), and the template
    ///   switches, are left out for it.
    ///
    /// - Parameters:
    ///   - chat: Whether the request goes to a chat route.
    ///   - legacyWorker: Whether the fields are for the legacy worker's native input.
    func samplingFields(chat: Bool, legacyWorker: Bool) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for (name, value) in parameters.wireValues {
            if legacyWorker, SamplingParameter.named(name)?.legacyWorkerAccepts == false { continue }
            if name == SamplingParameter.logprobs.name, chat, !legacyWorker {
                fields["logprobs"] = .bool(true)
                fields["top_logprobs"] = value
            } else {
                fields[name] = value
            }
        }
        let template = parameters.templateValues
        if chat, !legacyWorker, !template.isEmpty {
            fields["chat_template_kwargs"] = .object(Dictionary(uniqueKeysWithValues: template.map { ($0.name, $0.value) }))
        }
        return fields
    }

    /// A message as chat routes take it.
    static func json(for message: Message) -> JSONValue {
        .object(["role": .string(message.role.rawValue), "content": .string(message.content)])
    }
}
