#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One generated token with its log probability and the likeliest alternatives the server
/// listed for its position (vLLM's chat `logprobs.content[]` or completions `top_logprobs`).
package struct TokenLogprob: Sendable, Equatable, Codable {
    /// The token's text as the server spelled it.
    package var token: String
    /// Natural log of the token's probability.
    package var logprob: Double
    /// The alternatives at this position, most likely first (may include the token itself).
    package var alternatives: [Alternative]

    /// One candidate token at a position.
    package struct Alternative: Sendable, Equatable, Codable {
        package var token: String
        package var logprob: Double

        package init(token: String, logprob: Double) {
            self.token = token
            self.logprob = logprob
        }
    }

    package init(token: String, logprob: Double, alternatives: [Alternative] = []) {
        self.token = token
        self.logprob = logprob
        self.alternatives = alternatives
    }

    /// The token's probability in 0…1.
    package var probability: Double { logprob.isFinite ? exp(logprob) : 0 }

    enum CodingKeys: String, CodingKey {
        case token
        case logprob
        case alternatives = "top_logprobs"
    }
}
