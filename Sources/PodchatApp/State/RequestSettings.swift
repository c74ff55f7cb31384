import PodchatCore

/// What the next request carries besides the sampling parameters; all of it is in the panel.
package struct RequestSettings: Sendable, Equatable {
    package var mode: ConversationMode
    /// Prompt mode only: ask the worker to wrap the prompt in the chat template.
    package var applyChatTemplate: Bool
    /// The system message that leads every request; empty for none.
    package var systemPrompt: String
    package var inputFormat: InputFormat
    package var stream: Bool
    /// The seed row's `each turn`: a fresh `seed` drawn for every request (recorded on the
    /// reply); see ``RequestValues/seedChoice``.
    package var newSeedEachRequest: Bool

    package init(
        mode: ConversationMode = .chat,
        applyChatTemplate: Bool = false,
        systemPrompt: String = "",
        inputFormat: InputFormat = .native,
        stream: Bool = true,
        newSeedEachRequest: Bool = false
    ) {
        self.mode = mode
        self.applyChatTemplate = applyChatTemplate
        self.systemPrompt = systemPrompt
        self.inputFormat = inputFormat
        self.stream = stream
        self.newSeedEachRequest = newSeedEachRequest
    }
}
