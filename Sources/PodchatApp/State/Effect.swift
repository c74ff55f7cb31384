import PodchatCore

/// Something the app wants done outside itself. The only output of ``AppState/handle(_:)``,
/// grouped by who performs it: the completion backend, the endpoint, the preset and
/// conversation stores (disk work, off the loop thread), and the terminal itself.
package enum Effect: Sendable, Equatable {
    case completion(Completion)
    case endpoint(EndpointQuery)
    case preset(Preset)
    case storage(Storage)
    /// Done by the event loop, which owns the terminal.
    case terminal(Terminal)
}
