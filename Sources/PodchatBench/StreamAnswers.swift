import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatSimulator

/// The `/stream` answers of one reply as they came over the wire, from an in-process simulator
/// that makes the whole reply at once (no token delay), so one answer holds nearly all of it.
struct StreamAnswers: Sendable {
    let format: WorkerOutputFormat
    /// Each answer's body, as received.
    let bodies: [[UInt8]]

    /// Asks a fresh simulator imitating worker generation `format` for a reply of `tokens`
    /// tokens: `/run` as podchat sends it, then `/stream` polls until the job completes.
    static func fetch(format: WorkerOutputFormat, tokens: Int) async throws -> StreamAnswers {
        let bodies = try await SimulatorServer.serving(options: SimulatorOptions(tokenDelay: .zero, outputFormat: format)) { server in
            try await fetch(from: server.endpointURL(), tokens: tokens)
        }
        return StreamAnswers(format: format, bodies: bodies)
    }

    private static func fetch(from endpoint: String, tokens: Int) async throws -> [[UInt8]] {
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(5))
        let request = CompletionRequest(
            messages: [Message(role: .user, content: "Go [[sim:tokens=\(tokens)]]")],
            parameters: SamplingParameters(overrides: ["max_tokens": .number(Double(2 * tokens))]))
        let submitted = try await transport.send(
            TransportRequest(method: .POST, url: endpoint + "/run", body: WorkerInput(request).envelope().encodedBytes, timeout: .seconds(10)))
        let jobID = try job(in: submitted.body).id
        var bodies: [[UInt8]] = []
        while true {
            let answer = try await transport.send(TransportRequest(method: .GET, url: endpoint + "/stream/\(jobID)", timeout: .seconds(10)))
            bodies.append(answer.body)
            let status = try job(in: answer.body).status
            guard status.isTerminal else { continue }
            guard status == .completed else { throw BenchmarkFailure("the simulated job ended \(status)") }
            return bodies
        }
    }

    /// The job object in an answer's body, parsed as ``RunpodJobClient`` parses it.
    static func job(in body: [UInt8]) throws -> JobResponse {
        guard let job = JobResponse(json: try JSONValue(parsing: String(decoding: body, as: UTF8.self).utf8)) else {
            throw BenchmarkFailure("an answer without a job status: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        return job
    }

    /// How many bytes the answers hold in all.
    var byteCount: Int { bodies.reduce(0) { $0 + $1.count } }
}
