/// How the OpenAI gateway loses its answer after it has queued the job (`[[sim:gatewayCODE]]`,
/// `[[sim:gatewayreset]]`).
package enum GatewayFailure: Sendable, Equatable {
    /// Answer this HTTP status (5xx), as a gateway that gave up would.
    case status(Int)
    /// Close the connection halfway through the answer.
    case reset
}
