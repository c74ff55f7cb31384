import PodchatCore

/// One job: its plan, fixed when submitted, plus the little that requests change (drained
/// chunks, cancellation, retries). Its status is computed from the clock at each request.
struct SimulatedJob: Sendable {
    /// Where a job stands at one moment.
    struct Progress: Sendable {
        var status: JobStatus
        /// How many of the plan's yields exist.
        var produced: Int
        /// Milliseconds in the queue, once a worker has the job.
        var delayTime: Int?
        /// Milliseconds of running so far (or in all, once finished).
        var executionTime: Int?
    }

    /// What one `/stream` poll takes: the yields not delivered before.
    struct Drained: Sendable {
        var status: JobStatus
        var outputs: [JSONValue]
        /// The `error` string of a `FAILED` job.
        var error: String?

        /// The `/stream` answer, `{"id","status","stream":[{"output":…},…]}`. A `FAILED` job's
        /// carries its `error`, and `stream` only while chunks remain: production's lacks it
        /// (protocol.md §1.6), and clients must cope.
        func streamObject(jobID: String) -> JSONValue {
            var fields: [String: JSONValue] = ["id": .string(jobID), "status": .string(status.wireName)]
            if let error { fields["error"] = .string(error) }
            if status != .failed || !outputs.isEmpty {
                fields["stream"] = .array(outputs.map { .object(["output": $0]) })
            }
            return .object(fields)
        }
    }

    /// The worker that runs every simulated job, in Runpod's id style.
    static let workerID = "simworker4pod1"

    let id: String
    let queueDelay: Duration
    let tokenDelay: Duration
    let request: WorkerRequest
    private(set) var faults: SimulatedFaults
    private var plan: JobPlan
    private var submittedAt: Duration
    private var cancelledAt: Duration?
    private var drained = 0
    private var pendingPollFaults: [PollFault]

    init(id: String, request: WorkerRequest, faults: SimulatedFaults, plan: JobPlan, options: SimulatorOptions, now: Duration) {
        self.id = id
        self.request = request
        self.faults = faults
        self.plan = plan
        queueDelay = faults.queueDelay ?? options.queueDelay
        tokenDelay = faults.tokenDelay ?? options.tokenDelay
        submittedAt = now
        pendingPollFaults = faults.pollFaults
    }

    func progress(at now: Duration) -> Progress {
        // A cancelled job stands still at the moment it was cancelled.
        let time = min(now, cancelledAt ?? now)
        let startedAt = submittedAt + queueDelay
        guard time >= startedAt else {
            return Progress(status: cancelledAt == nil ? .inQueue : .cancelled, produced: 0)
        }
        let steps = Self.steps(in: time - startedAt, of: tokenDelay)
        let finished = steps >= plan.endStep
        let status: JobStatus = cancelledAt != nil ? .cancelled : finished ? outcomeStatus : .inProgress
        let runEnd = finished ? startedAt + tokenDelay * plan.endStep : time
        return Progress(
            status: status,
            produced: plan.yields.prefix { $0.step <= steps }.count,
            delayTime: Self.milliseconds(queueDelay),
            executionTime: Self.milliseconds(runEnd - startedAt)
        )
    }

    /// Every output of the plan with the moment it is produced; a cancelled job stops short of
    /// the later ones.
    var schedule: [ScheduledOutput] {
        let startedAt = submittedAt + queueDelay
        return plan.yields.filter(\.isPosted).map { ScheduledOutput(readyAt: startedAt + tokenDelay * $0.step, output: $0.output) }
    }

    /// The job object of `/status` and `/runsync` (protocol.md §1.3).
    func statusObject(at now: Duration) -> JSONValue {
        let progress = progress(at: now)
        var fields: [String: JSONValue] = ["id": .string(id), "status": .string(progress.status.wireName)]
        if let delayTime = progress.delayTime, let executionTime = progress.executionTime {
            fields["delayTime"] = .number(Double(delayTime))
            fields["executionTime"] = .number(Double(executionTime))
            fields["workerId"] = .string(Self.workerID)
        }
        switch (progress.status, plan.outcome) {
        // worker-vllm runs with return_aggregate_stream, so the output is the list of all yields.
        case (.completed, _): fields["output"] = .array(plan.yields.map(\.output))
        case (.failed, .failed(let error)): fields["error"] = .string(error)
        case (.failed, .completed), (.failed, .timedOut): break
        case (.inQueue, _), (.inProgress, _), (.running, _), (.cancelled, _), (.timedOut, _), (.other, _): break
        }
        return .object(fields)
    }

    /// Every yield produced so far, posted or not: what the handler returned, which becomes the
    /// job's output.
    func aggregate(at now: Duration) -> [JSONValue] {
        plan.yields.prefix(progress(at: now).produced).map(\.output)
    }

    /// Whether a `/stream` poll now would return something: new yields or a final status.
    func hasNews(at now: Duration) -> Bool {
        let progress = progress(at: now)
        return progress.produced > drained || progress.status.isTerminal
    }

    /// Takes the yields produced since the last call: each is delivered once.
    mutating func drain(at now: Duration) -> Drained {
        let progress = progress(at: now)
        let fresh = plan.yields[drained..<max(drained, progress.produced)].filter(\.isPosted).map(\.output)
        drained = max(drained, progress.produced)
        var error: String?
        if progress.status == .failed, case .failed(let message) = plan.outcome { error = message }
        return Drained(status: progress.status, outputs: fresh, error: error)
    }

    /// The HTTP error the next poll answers with, if that is the next fault; each is used once.
    mutating func takeHTTPError() -> Int? {
        guard case .http(let code)? = pendingPollFaults.first else { return nil }
        pendingPollFaults.removeFirst()
        return code
    }

    /// The fault the next poll answers with, if one is pending; each is used once. A reset or
    /// malformed answer waits for a `/stream` poll (`draining`) with output to lose.
    mutating func takePollFault(at now: Duration, draining: Bool) -> PollFault? {
        guard let fault = pendingPollFaults.first else { return nil }
        if fault.waitsForOutput && draining && progress(at: now).produced <= drained { return nil }
        return pendingPollFaults.removeFirst()
    }

    /// Cancels the job unless it has already finished.
    mutating func cancel(at now: Duration) {
        if !progress(at: now).status.isTerminal { cancelledAt = now }
    }

    /// Queues the job again from the start with a new plan (`/retry`).
    mutating func restart(plan: JobPlan, faults: SimulatedFaults, at now: Duration) {
        self.plan = plan
        self.faults = faults
        submittedAt = now
        cancelledAt = nil
        drained = 0
        pendingPollFaults = faults.pollFaults
    }

    private var outcomeStatus: JobStatus {
        switch plan.outcome {
        case .completed: .completed
        case .failed: .failed
        case .timedOut: .timedOut
        }
    }

    /// Whole steps of `delay` in `elapsed`; with no delay every step has happened.
    private static func steps(in elapsed: Duration, of delay: Duration) -> Int {
        let step = nanoseconds(delay)
        return step <= 0 ? Int.max : Int(nanoseconds(elapsed) / step)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(nanoseconds(duration) / 1_000_000)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
