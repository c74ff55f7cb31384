/// How a conversation is sent to the model.
package enum ConversationMode: String, Sendable, Codable {
    /// `messages`: the worker applies the model's chat template.
    case chat
    /// `prompt`: raw text, optionally wrapped by the chat template.
    case prompt
}

/// Everything one completion needs, independent of the wire format.
package struct CompletionRequest: Sendable, Equatable {
    package var messages: [Message]
    package var mode: ConversationMode
    /// With prompt mode: ask the worker to wrap the prompt in the chat template.
    package var applyChatTemplate: Bool
    package var parameters: SamplingParameters
    package var stream: Bool
    /// How to shape a Runpod job's `input` for this request; nil leaves it to the backend's
    /// configuration. The chat window sets it from its panel.
    package var inputFormat: InputFormat?

    package init(
        messages: [Message],
        mode: ConversationMode = .chat,
        applyChatTemplate: Bool = false,
        parameters: SamplingParameters = SamplingParameters(),
        stream: Bool = true,
        inputFormat: InputFormat? = nil
    ) {
        self.messages = messages
        self.mode = mode
        self.applyChatTemplate = applyChatTemplate
        self.parameters = parameters
        self.stream = stream
        self.inputFormat = inputFormat
    }

    /// worker-vllm's batching fields to put at the top level of the job `input` (beside
    /// `sampling_params`): only those set, as `name: value`. Only the legacy worker reads them.
    package var batching: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: parameters.batchingValues.map { ($0.name, $0.value) })
    }

    /// The conversation flattened into one prompt, for prompt mode.
    package var promptText: String {
        messages.map(\.content).joined(separator: "\n\n")
    }
}
