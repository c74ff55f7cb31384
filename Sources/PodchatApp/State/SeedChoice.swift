/// The seed row's three states. Stored as they always were: `new_seed_each_request` true is
/// ``eachTurn``; otherwise a `seed` among the parameters is ``fixed(_:)`` and none is ``server``.
package enum SeedChoice: Sendable, Equatable {
    /// No seed is sent: the server picks one (vLLM: a random one).
    case server
    /// podchat draws a seed for every request and sends it, so each reply records its own.
    case eachTurn
    /// This seed is sent with every request.
    case fixed(Int)

    /// The words `/set seed` and the panel's text edit take for ``eachTurn``.
    static let eachTurnWords: Set<String> = ["each", "each turn", "each_turn"]
    /// The words that mean ``server``, besides the words that unset any parameter.
    static let serverWords: Set<String> = ["server", "server's"]

    /// As the panel shows it: `server`, `each turn` or the number.
    package var label: String {
        switch self {
        case .server: "server"
        case .eachTurn: "each turn"
        case .fixed(let seed): String(seed)
        }
    }
}
