import PodchatCore

/// The worker-vllm job `input` for a ``CompletionRequest`` (protocol.md §2, protocol-2026.md).
///
/// In the ``WorkerInputFormat/native`` format it uses the shorthand that both worker
/// generations accept: `messages` (chat mode, or prompt mode with the chat template: the
/// prompt as one user message) or `prompt`, `sampling_params` with only the values podchat
/// sets, shaped for the worker generation (see ``CompletionRequest/samplingFields(chat:legacyWorker:)``),
/// and `stream`. The proxy worker copies `sampling_params` into the OpenAI body as it is. In
/// the ``WorkerInputFormat/openAI(model:)`` format it is `openai_route` plus the
/// ``OpenAIRequest`` body as `openai_input`, which both generations take alike.
package struct WorkerInput: Sendable, Equatable {
    /// The `input` object.
    package var json: JSONValue

    /// The input for `request` in `format`, for a worker of `generation`; unknown (nil) is
    /// taken for today's proxy worker.
    package init(_ request: CompletionRequest, format: WorkerInputFormat = .native, generation: WorkerGeneration? = nil) {
        switch format {
        case .native:
            json = Self.native(request, generation: generation)
        case .openAI(let model):
            let openAI = OpenAIRequest(request, model: model)
            json = .object(["openai_route": .string("/v1" + openAI.route), "openai_input": openAI.body])
        }
    }

    private static func native(_ request: CompletionRequest, generation: WorkerGeneration?) -> JSONValue {
        var fields: [String: JSONValue] = ["stream": .bool(request.stream)]
        let messages = request.chatMessages
        if let messages {
            fields["messages"] = .array(messages.map(CompletionRequest.json(for:)))
        } else {
            fields["prompt"] = .string(request.promptText)
        }
        var sampling = request.samplingFields(chat: messages != nil, legacyWorker: generation == .legacy)
        // vLLM streams usage only when asked; the legacy worker would fail the job on the field,
        // so it is asked for only once the endpoint is known to run the proxy worker.
        if request.stream && generation == .proxy { sampling["stream_options"] = .object(["include_usage": .bool(true)]) }
        if !sampling.isEmpty { fields["sampling_params"] = .object(sampling) }
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
}
