import NIOHTTP1
import PodchatCore

/// Answers requests the way the runpod SDK's local test server does (`--rp_serve_api` in
/// runpod 1.12, protocol.md §5.2, §5.3, §6):
///
/// - exactly four routes at the root, all POST: `/run`, `/runsync`, `/stream/{id}`,
///   `/status/{id}`; GET on them is 405, any other path 404 (no `/cancel`, `/health`, …);
/// - no authentication, and a body without an object `input` gets FastAPI's 422;
/// - `/run` only stores the input and answers `IN_PROGRESS`;
/// - `/stream` and `/status` run the whole job inside the request, answer everything at once as
///   `COMPLETED`, then forget the job, so the next call for it gets HTTP 200 with
///   `{"status": "FAILED", "error": "Job ID not found"}`;
/// - an error the handler yields stays in the output of a `COMPLETED` job instead of failing it.
struct LocalServerRouter: Sendable {
    /// How long one request may run its job: the local server waits as long as the handler takes.
    static let longestRun: Duration = .seconds(3600)

    let queue: JobQueue
    let jobs: LocalServerJobs

    /// The server's four routes.
    private enum Route {
        case run
        case runSync
        case stream(jobID: String)
        case status(jobID: String)

        init?(_ segments: [Substring]) {
            switch (segments.first, segments.count) {
            case ("run", 1): self = .run
            case ("runsync", 1): self = .runSync
            case ("stream", 2): self = .stream(jobID: String(segments[1]))
            case ("status", 2): self = .status(jobID: String(segments[1]))
            default: return nil
            }
        }
    }

    func respond(to request: RecordedRequest) async -> SimulatorResponse {
        guard let route = Route(request.pathSegments) else { return Self.detail(.notFound, "Not Found") }
        guard request.method == "POST" else { return Self.detail(.methodNotAllowed, "Method Not Allowed") }
        switch route {
        case .run, .runSync:
            let input: [String: JSONValue]
            switch Self.input(of: request) {
            case .success(let valid): input = valid
            case .failure(let rejection): return rejection.response
            }
            guard case .runSync = route else {
                return .json(.object(["id": .string(jobs.store(input)), "status": .string(JobStatus.inProgress.wireName)]))
            }
            return .json(Self.completed(id: LocalServerJobs.newID(), key: "output", await run(input)))
        case .stream(let id):
            return await poll(id, stream: true)
        case .status(let id):
            return await poll(id, stream: false)
        }
    }

    /// `/stream` or `/status`: runs the stored job to its end and answers all of its output.
    private func poll(_ id: String, stream: Bool) async -> SimulatorResponse {
        guard let input = jobs.input(of: id) else {
            return .json(.object(["id": .string(id), "status": .string(JobStatus.failed.wireName), "error": .string("Job ID not found")]))
        }
        let outputs = await run(input)
        // Removed only after the run, as the SDK does: a second poll meanwhile runs the job again.
        jobs.remove(id)
        guard stream else { return .json(Self.completed(id: id, key: "output", outputs)) }
        return .json(Self.completed(id: id, key: "stream", outputs.map { .object(["output": $0]) }))
    }

    /// Every yield of a job for `input`, waiting for the simulated generation to end.
    private func run(_ input: [String: JSONValue]) async -> [JSONValue] {
        let id = queue.submit(input, sync: false)
        await queue.wait(upTo: Self.longestRun) {
            queue.withJob(id) { job, now in job.progress(at: now).status.isTerminal } ?? true
        }
        guard let (drained, outputs) = queue.withJob(id, { job, now in (job.drain(at: now), job.aggregate(at: now)) }) else { return [] }
        queue.remove(id)  // The local server keeps nothing once it has answered.
        // The runpod SDK fails a job for a yielded error only in production; locally the error
        // stays in the output. There is no execution timeout either, so a timed-out plan just ends.
        // Nothing is posted over the network either, so no chunk can be dropped.
        guard let error = drained.error else { return outputs }
        return outputs + [.object(["error": .string(error)])]
    }

    private static func completed(id: String, key: String, _ values: [JSONValue]) -> JSONValue {
        .object(["id": .string(id), "status": .string(JobStatus.completed.wireName), key: .array(values)])
    }

    /// A body FastAPI rejects, as its 422 answer.
    private struct Rejection: Error {
        var response: SimulatorResponse
    }

    /// The envelope's `input` object, or FastAPI's validation error for the body.
    private static func input(of request: RecordedRequest) -> Result<[String: JSONValue], Rejection> {
        guard !request.body.isEmpty else { return .failure(invalid("missing", ["body"], "Field required", .null)) }
        guard let body = request.json else {
            return .failure(invalid("json_invalid", ["body", 0], "JSON decode error", .object([:])))
        }
        guard let input = body["input"] else { return .failure(invalid("missing", ["body", "input"], "Field required", body)) }
        guard let fields = input.objectValue else {
            return .failure(invalid("dict_type", ["body", "input"], "Input should be a valid dictionary", input))
        }
        return .success(fields)
    }

    private static func invalid(_ type: String, _ location: [JSONValue], _ message: String, _ given: JSONValue) -> Rejection {
        let problem: JSONValue = .object([
            "type": .string(type), "loc": .array(location), "msg": .string(message), "input": given,
        ])
        return Rejection(response: .json(.object(["detail": .array([problem])]), status: .unprocessableEntity))
    }

    /// FastAPI's error answer, `{"detail": message}`.
    private static func detail(_ status: HTTPResponseStatus, _ message: String) -> SimulatorResponse {
        .json(.object(["detail": .string(message)]), status: status)
    }
}
