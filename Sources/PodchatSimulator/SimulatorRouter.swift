import NIOHTTP1
import PodchatCore

/// Answers requests the way a Runpod Serverless endpoint does (protocol.md §1): the job
/// operations under `/v2/{endpointID}/`, any endpoint id, plus the OpenAI route. In the
/// ``SimulatorDialect/sdkLocalServer`` dialect ``LocalServerRouter`` answers instead.
struct SimulatorRouter: Sendable {
    /// `/runsync`'s wait when the request names none, as in production.
    static let defaultSyncWait: Duration = .seconds(90)
    /// The longest `?wait=` honoured (production's upper limit).
    static let longestWait: Duration = .seconds(300)

    private static let methods: [Substring: Set<String>] = [
        "run": ["POST"], "runsync": ["POST"], "status": ["GET", "POST"], "status-sync": ["GET", "POST"],
        "stream": ["GET", "POST"], "cancel": ["POST"], "retry": ["POST"], "purge-queue": ["POST"], "health": ["GET"],
        "openai": ["GET", "POST"],
    ]

    let queue: JobQueue
    let log: RequestLog
    /// What `/run` stored, when the simulator imitates the SDK's local test server.
    private let localJobs = LocalServerJobs()

    func respond(to request: RecordedRequest) async -> SimulatorResponse {
        log.append(request)
        if queue.options.dialect == .sdkLocalServer {
            return await LocalServerRouter(queue: queue, jobs: localJobs).respond(to: request)
        }
        if let key = queue.options.requiredAPIKey, request.header("authorization") != "Bearer \(key)" {
            return .error(.unauthorized, "Unauthorized: send the header Authorization: Bearer <RUNPOD_API_KEY>")
        }
        let segments = request.pathSegments
        guard segments.count >= 3, segments[0] == "v2", let allowed = Self.methods[segments[2]] else {
            return .error(.notFound, "Not Found")
        }
        guard allowed.contains(request.method) else { return .error(.methodNotAllowed, "Method Not Allowed") }
        let operation = segments[2]
        let arguments = segments.dropFirst(3).map(String.init)
        switch (operation, arguments.count) {
        case ("openai", _): return await OpenAIRoute(queue: queue).respond(to: request, route: "/" + arguments.joined(separator: "/"))
        case ("run", 0): return run(request)
        case ("runsync", 0): return await runSync(request)
        case ("health", 0): return .json(queue.health())
        case ("purge-queue", 0): return .json(.object(["removed": .number(Double(queue.purgeQueue())), "status": .string("completed")]))
        case (_, 1): return await jobOperation(operation, id: arguments[0], request)
        default: return .error(.notFound, "Not Found")
        }
    }

    private func jobOperation(_ operation: Substring, id: String, _ request: RecordedRequest) async -> SimulatorResponse {
        switch operation {
        case "status": return await status(id)
        case "status-sync": return await statusSync(id, request)
        case "stream": return await stream(id, request)
        case "cancel": return cancel(id)
        case "retry": return retry(id)
        default: return .error(.notFound, "Not Found")
        }
    }

    /// `/run`: queues the job; the answer is `IN_QUEUE` whatever happens next, as in production.
    /// A `[[sim:run429]]` job is refused the first time, a `[[sim:runreset]]` one's answer is cut.
    private func run(_ request: RecordedRequest) -> SimulatorResponse {
        guard let input = request.json?["input"]?.objectValue else { return Self.badEnvelope(request) }
        let id = queue.submit(input, sync: false)
        let faults = queue.withJob(id) { job, _ in job.faults } ?? SimulatedFaults()
        if faults.runRateLimited && queue.refusesFirstTime(request.body) {
            queue.remove(id)
            log.removeJob(id)
            return Self.httpFault(429)
        }
        let answer = SimulatorResponse.json(.object(["id": .string(id), "status": .string(JobStatus.inQueue.wireName)]))
        return faults.runResets ? answer.cutOff : answer
    }

    /// `/runsync`: waits up to `?wait=` ms (default 90 s) for the job to finish, then answers the
    /// job object, without output when it has not finished.
    private func runSync(_ request: RecordedRequest) async -> SimulatorResponse {
        guard let input = request.json?["input"]?.objectValue else { return Self.badEnvelope(request) }
        let id = queue.submit(input, sync: true)
        await queue.wait(upTo: Self.wait(in: request) ?? Self.defaultSyncWait) { isTerminal(id) }
        // Not a poll: HTTP faults are kept for the polls that follow.
        let response = queue.withJob(id) { job, now in
            SimulatorResponse.pollAnswer(job.statusObject(at: now), fault: nil, badUTF8: job.faults.badUTF8)
        }
        return response ?? Self.unknownJob(id)
    }

    /// `/status-sync`: `/status` after waiting up to `?wait=` ms (default 90 s) for the job to finish.
    private func statusSync(_ id: String, _ request: RecordedRequest) async -> SimulatorResponse {
        await queue.wait(upTo: Self.wait(in: request) ?? Self.defaultSyncWait) { isTerminal(id) }
        return await status(id)
    }

    /// `/status`: the job object; a pending poll fault answers instead, once.
    private func status(_ id: String) async -> SimulatorResponse {
        await PollAnswerer(queue: queue).status(id) ?? Self.unknownJob(id)
    }

    /// `/stream`: the yields produced since the previous call, each delivered once. With
    /// `?wait=` ms it holds the request until there is something to deliver.
    private func stream(_ id: String, _ request: RecordedRequest) async -> SimulatorResponse {
        if let wait = Self.wait(in: request) {
            await queue.wait(upTo: wait) { queue.withJob(id) { job, now in job.hasNews(at: now) } ?? true }
        }
        return await PollAnswerer(queue: queue).stream(id) ?? Self.unknownJob(id)
    }

    private func cancel(_ id: String) -> SimulatorResponse {
        let status = queue.withJob(id) { job, now in
            job.cancel(at: now)
            return job.progress(at: now).status
        }
        guard let status else { return Self.unknownJob(id) }
        return .json(.object(["id": .string(id), "status": .string(status.wireName)]))
    }

    private func retry(_ id: String) -> SimulatorResponse {
        guard let before = queue.retry(id) else { return Self.unknownJob(id) }
        guard JobQueue.isRetryable(before) else {
            return .error(.badRequest, "job \(id) is \(before.wireName); only FAILED or TIMED_OUT jobs can be retried")
        }
        return .json(.object(["id": .string(id), "status": .string(JobStatus.inQueue.wireName)]))
    }

    private func isTerminal(_ id: String) -> Bool {
        queue.withJob(id) { job, now in job.progress(at: now).status.isTerminal } ?? true
    }

    /// The 400 answer for a body that is not JSON or has no `input` object.
    private static func badEnvelope(_ request: RecordedRequest) -> SimulatorResponse {
        let problem = request.json == nil ? "the request body is not valid JSON" : "\"input\" is required and must be a JSON object"
        return .error(.badRequest, problem)
    }

    /// The `?wait=` duration, capped at ``longestWait``. Unlike production, waits under 1 s are
    /// honoured as given, so tests stay fast.
    private static func wait(in request: RecordedRequest) -> Duration? {
        guard let milliseconds = request.queryValue("wait").flatMap({ Int($0) }) else { return nil }
        return min(.milliseconds(max(0, milliseconds)), longestWait)
    }

    private static func unknownJob(_ id: String) -> SimulatorResponse {
        .error(.notFound, "job \(id) not found")
    }

    /// The answer to a request that a `[[sim:httpCODE]]` (or `[[sim:run429]]`) fault turns into
    /// an error; a 429 asks the client to wait a second.
    static func httpFault(_ code: Int) -> SimulatorResponse {
        let status = HTTPResponseStatus(statusCode: code)
        var response = SimulatorResponse.error(status, "\(status.reasonPhrase) (simulated by [[sim:http\(code)]])")
        if code == 429 { response.headers.append(("Retry-After", "1")) }
        return response
    }
}
