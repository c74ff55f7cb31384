import PodchatCore
import PodchatSimulator

extension Benchmark {
    /// Tokens in each polled reply.
    static let polledReplyTokens = 500

    /// What the job API's polling costs: requests per 500-token reply through `/run` and
    /// `/stream` at podchat's poll pace, and how long each output waits on the server before
    /// the reader has its text, against an in-process simulator at its default token delay
    /// (25 ms) and at none, for the legacy worker (chunks of 1, 3, 9, 27, then 50 tokens) and
    /// the proxy worker (text as each token is made).
    static let polling = Benchmark(
        name: "polling",
        measures: "requests per 500-token reply via /run + /stream, and output ready on the server → text at the reader (in-process simulator)"
    ) { _ in
        let cases: [(label: String, options: SimulatorOptions)] = [
            ("legacy, 25 ms a token", SimulatorOptions(tokenDelay: .milliseconds(25), outputFormat: .legacy)),
            ("legacy, no token delay", SimulatorOptions(tokenDelay: .zero, outputFormat: .legacy)),
            ("proxy, 25 ms a token", SimulatorOptions(tokenDelay: .milliseconds(25), outputFormat: .proxy)),
        ]
        return {
            try cases.flatMap { label, options in
                let reply = try runBlocking { try await PolledReply.stream(tokens: polledReplyTokens, options: options) }
                return [
                    Figure(name: "\(label): requests", value: Double(reply.requests), unit: .count),
                    Figure(name: "\(label): outputs with text", value: Double(reply.pickUpDelays.count), unit: .count),
                    Figure(name: "\(label): output ready → read, median", value: reply.pickUpDelays.median ?? 0, unit: .milliseconds),
                    Figure(name: "\(label): output ready → read, slowest", value: reply.pickUpDelays.max() ?? 0, unit: .milliseconds),
                    Figure(name: "\(label): last output ready → read", value: reply.pickUpDelays.last ?? 0, unit: .milliseconds),
                ]
            }
        }
    }
}
