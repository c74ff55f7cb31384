import NIOHTTP1
import PodchatCore

/// The endpoint's OpenAI-compatible route, `/v2/{endpointID}/openai/v1/…` (protocol.md §4). Each
/// call becomes a queue job with `openai_route` and `openai_input`, answered as plain HTTP: the
/// job's JSON, or its SSE text relayed as the worker yields it.
struct OpenAIRoute: Sendable {
    /// How long a non-streaming call waits for its job.
    static let longestWait: Duration = .seconds(300)

    let queue: JobQueue

    /// Answers a call to `route`, e.g. `/v1/chat/completions`.
    func respond(to request: RecordedRequest, route: String) async -> SimulatorResponse {
        var input: [String: JSONValue] = ["openai_route": .string(route)]
        if request.method == "POST" {
            guard let body = request.json?.objectValue else {
                return .json(Self.error("the request body must be a JSON object", code: 400), status: .badRequest)
            }
            // vLLM checks the model before anything runs, and answers with its own status and body.
            if let error = VLLMError.unservedModel(in: body, servedModel: queue.options.servedModel) {
                return SimulatorResponse(
                    status: HTTPResponseStatus(statusCode: error.code), headers: [("Content-Type", "application/json")],
                    body: .text(error.bodyText))
            }
            input["openai_input"] = .object(body)
        }
        let id = queue.submit(input, sync: true)
        if let failure = queue.withJob(id, { job, _ in job.faults.gatewayFailure }) ?? nil {
            return Self.lostAnswer(failure)
        }
        if let code = queue.withJob(id, { job, _ in job.takeHTTPError() }) ?? nil {
            return SimulatorRouter.httpFault(code)
        }
        if request.json?["stream"] == .bool(true) {
            return .eventStream { write in try await relay(id, to: write) }
        }
        return await reply(id)
    }

    /// Waits for the job and answers its single output, or the failure.
    private func reply(_ id: String) async -> SimulatorResponse {
        await queue.wait(upTo: Self.longestWait) {
            queue.withJob(id) { job, now in job.progress(at: now).status.isTerminal } ?? true
        }
        guard let (drained, outputs) = queue.withJob(id, { job, now in (job.drain(at: now), job.aggregate(at: now)) }) else {
            return .json(Self.error("the job was removed from the queue", code: 500), status: .internalServerError)
        }
        switch drained.status {
        // The job's result, not its stream, so a chunk the worker failed to post still arrives.
        case .completed: return .json(outputs.first ?? .null)
        case .inQueue, .inProgress, .running, .other:
            return .json(Self.error("the job did not finish in time", code: 504), status: .gatewayTimeout)
        case .failed, .cancelled, .timedOut:
            let message = drained.error ?? "the job ended \(drained.status.wireName)"
            return .json(Self.error(message, code: 500), status: .internalServerError)
        }
    }

    /// Writes the job's SSE text as it appears, until the job ends; a failure becomes a final
    /// `data: {"error": …}` event.
    private func relay(_ id: String, to write: SimulatorResponse.StreamWriter) async throws {
        while true {
            guard let drained = queue.withJob(id, { job, now in job.drain(at: now) }) else { return }
            for output in drained.outputs {
                try await write(output.stringValue ?? (output).encodedText)
            }
            if drained.status.isTerminal {
                if drained.status != .completed {
                    let message = drained.error ?? "the job ended \(drained.status.wireName)"
                    try await write("data: " + (Self.error(message, code: 500)).encodedText + "\n\n")
                }
                return
            }
            try Task.checkCancellation()
            await queue.wait(upTo: Self.longestWait) {
                queue.withJob(id) { job, now in job.hasNews(at: now) } ?? true
            }
        }
    }

    /// The answer of a gateway that queued the job and then lost track of it.
    private static func lostAnswer(_ failure: GatewayFailure) -> SimulatorResponse {
        switch failure {
        case .status(let code):
            let status = HTTPResponseStatus(statusCode: code)
            return .error(status, "\(status.reasonPhrase) (simulated by [[sim:gateway\(code)]])")
        case .reset:
            return SimulatorResponse.error(.badGateway, "connection lost (simulated by [[sim:gatewayreset]])").cutOff
        }
    }

    private static func error(_ message: String, code: Int) -> JSONValue {
        .object(["error": .object(["message": .string(message), "type": .string("worker_error"), "code": .number(Double(code))])])
    }
}
