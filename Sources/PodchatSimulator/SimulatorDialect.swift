/// Which kind of server the simulator imitates.
package enum SimulatorDialect: String, Sendable, CaseIterable {
    /// A production Runpod Serverless endpoint: the job API under `/v2/{endpointID}/` with
    /// drain-once `/stream`, `/cancel`, `/health` and the rest, plus the OpenAI route.
    case serverless
    /// The runpod SDK's local test server, `python handler.py --rp_serve_api` (protocol.md
    /// §5.2): four POST-only routes at the root, `/run` that only stores the job, and a
    /// `/stream` or `/status` call that runs the whole job and answers once.
    case sdkLocalServer
}
