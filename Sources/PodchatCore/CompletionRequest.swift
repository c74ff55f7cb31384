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

    package init(
        messages: [Message],
        mode: ConversationMode = .chat,
        applyChatTemplate: Bool = false,
        parameters: SamplingParameters = SamplingParameters(),
        stream: Bool = true
    ) {
        self.messages = messages
        self.mode = mode
        self.applyChatTemplate = applyChatTemplate
        self.parameters = parameters
        self.stream = stream
    }

    /// The conversation flattened into one prompt, for prompt mode.
    package var promptText: String {
        messages.map(\.content).joined(separator: "\n\n")
    }
}
