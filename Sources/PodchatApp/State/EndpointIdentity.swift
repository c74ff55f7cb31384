import PodchatCore

/// One endpoint as the window knows it: what the status bar calls it, what replies record as
/// their writer, and what it costs. Never holds the key.
package struct EndpointIdentity: Sendable, Equatable {
    /// The config's name for it (`endpoints.NAME`); nil for the top-level endpoint, a
    /// command-line one, or demo mode.
    package let name: String?
    /// An endpoint id or a host.
    package let label: String
    /// Whether it is the built-in simulator of demo mode.
    package let isDemo: Bool
    /// What it costs per GPU-second (`price_per_second`), when the config says.
    package let price: GPUPrice?
    /// How its jobs carry the conversation.
    package let inputFormat: InputFormat

    package init(name: String? = nil, label: String, isDemo: Bool = false, price: GPUPrice? = nil, inputFormat: InputFormat = .native) {
        self.name = name
        self.label = label
        self.isDemo = isDemo
        self.price = price
        self.inputFormat = inputFormat
    }

    /// What a conversation and each reply record as their endpoint: the config's name when it
    /// has one (the user's word for it), else `demo` or the label.
    package var recordedName: String {
        name ?? (isDemo ? "demo" : label)
    }
}
