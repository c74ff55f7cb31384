import PodchatCore

/// The worker-vllm job `input` for a ``CompletionRequest`` (protocol.md §2).
///
/// In the ``WorkerInputFormat/native`` format it uses the shorthand that both worker
/// generations accept: `messages` (chat mode) or `prompt` (prompt mode, with
/// `apply_chat_template` when asked), `sampling_params` with only the values podchat sets, and
/// `stream`. In the ``WorkerInputFormat/openAI(model:)`` format it is `openai_route` plus the
/// ``OpenAIRequest`` body as `openai_input`.
package struct WorkerInput: Sendable, Equatable {
    /// The `input` object.
    package var json: JSONValue

    /// The input for `request` in `format`.
    package init(_ request: CompletionRequest, format: WorkerInputFormat = .native) {
        switch format {
        case .native:
            json = Self.native(request)
        case .openAI(let model):
            let openAI = OpenAIRequest(request, model: model)
            json = .object(["openai_route": .string("/v1" + openAI.route), "openai_input": openAI.body])
        }
    }

    private static func native(_ request: CompletionRequest) -> JSONValue {
        var fields: [String: JSONValue] = ["stream": .bool(request.stream)]
        switch request.mode {
        case .chat:
            fields["messages"] = .array(request.messages.map(Self.json(for:)))
        case .prompt:
            fields["prompt"] = .string(request.promptText)
            if request.applyChatTemplate { fields["apply_chat_template"] = .bool(true) }
        }
        let sampling = request.parameters.wireValues
        if !sampling.isEmpty {
            fields["sampling_params"] = .object(Dictionary(uniqueKeysWithValues: sampling.map { ($0.name, $0.value) }))
        }
        // The legacy worker's chunking fields sit beside `sampling_params`, not inside it.
        fields.merge(request.batching) { current, _ in current }
        return .object(fields)
    }

    /// The request body for `/run` and `/runsync`: `{"input": …}`, plus `policy` when given.
    package func envelope(policy: JobPolicy? = nil) -> JSONValue {
        var fields: [String: JSONValue] = ["input": json]
        if let policy = policy?.json { fields["policy"] = policy }
        return .object(fields)
    }

    /// The most completion tokens the job may produce, summed over choices: `max_tokens` × `n`.
    ///
    /// Nil when podchat does not send `max_tokens`, because the default then depends on the
    /// worker generation (legacy 100, proxy vLLM's own).
    package var completionTokenLimit: Int? {
        // The OpenAI body carries the parameters at its top level.
        guard let parameters = json["sampling_params"] ?? json["openai_input"],
            let maxTokens = parameters["max_tokens"]?.intValue
        else { return nil }
        return maxTokens * (parameters["n"]?.intValue ?? 1)
    }

    private static func json(for message: Message) -> JSONValue {
        .object(["role": .string(message.role.rawValue), "content": .string(message.content)])
    }
}
