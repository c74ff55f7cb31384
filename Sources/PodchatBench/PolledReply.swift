import EndpointClient
import PodchatCore
import PodchatSimulator

/// One reply streamed from a fresh in-process simulator through `RunpodBackend` (`/run`, then
/// `/stream` polls at podchat's own pace), as the chat window receives it: how many requests it
/// took, and how long each output waited on the server before its text reached the reader.
struct PolledReply {
    /// Every request the simulator received for the reply.
    let requests: Int
    /// For each output with text, in order: from the moment the simulator made it to the
    /// delta that completed its text coming out of the backend, in milliseconds.
    let pickUpDelays: [Double]

    /// Streams a reply of `tokens` tokens from a simulator started with `options`.
    static func stream(tokens: Int, options: SimulatorOptions) async throws -> PolledReply {
        let clock = SystemSimulatorClock()
        return try await SimulatorServer.serving(options: options, clock: clock) { server in
            try await stream(tokens: tokens, from: server, clock: clock)
        }
    }

    private static func stream(tokens: Int, from server: SimulatorServer, clock: SystemSimulatorClock) async throws -> PolledReply {
        let backend = RunpodBackend(endpoint: Endpoint(baseURL: server.endpointURL(), apiKey: nil, label: "bench"))
        let request = CompletionRequest(
            messages: [Message(role: .user, content: "Go [[sim:tokens=\(tokens)]]")],
            parameters: SamplingParameters(overrides: ["max_tokens": .number(Double(2 * tokens))]))
        var jobID: String?
        // When text arrived, and how many bytes of it had arrived by then.
        var arrivals: [(at: Duration, bytes: Int)] = []
        for try await event in backend.complete(request) {
            switch event {
            case .queued(let id): jobID = id
            case .delta(0, let text): arrivals.append((clock.now, (arrivals.last?.bytes ?? 0) + text.utf8.count))
            case .replaced, .reasoningReplaced: throw BenchmarkFailure("the backend recovered lost text: a poll failed")
            case .started, .delta, .reasoning, .logprobs, .generation, .usage, .executionTime, .exchanges, .retrying, .finished: break
            }
        }
        let requests = server.requests.count
        guard let jobID, let schedule = server.outputSchedule(ofJob: jobID) else { throw BenchmarkFailure("the simulator has no such job") }
        var decoder = WorkerOutputDecoder()
        var made = 0
        var delays: [Double] = []
        for entry in schedule {
            let bytes = decoder.decode(entry.output).reduce(0) { total, item in
                if case .delta(0, let text) = item { total + text.utf8.count } else { total }
            }
            guard bytes > 0 else { continue }
            made += bytes
            guard let arrival = arrivals.first(where: { $0.bytes >= made }) else {
                throw BenchmarkFailure("the reader got \(arrivals.last?.bytes ?? 0) bytes of text, the simulator made more")
            }
            delays.append(Stopwatch.milliseconds(arrival.at - entry.readyAt))
        }
        return PolledReply(requests: requests, pickUpDelays: delays)
    }
}
