import PodchatCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The endpoint's jobs, shared by every connection. Jobs are kept after they finish, as
/// production keeps results for 30 minutes; past ``retainedJobLimit`` the oldest go first.
final class JobQueue: Sendable {
    static let retainedJobLimit = 1000

    private struct State {
        var jobs: [String: SimulatedJob] = [:]
        /// Job ids, oldest first.
        var order: [String] = []
        var retried = 0
        /// Faults for the next job submitted.
        var injected = SimulatedFaults()
        /// The bodies of `/run` requests a `[[sim:run429]]` fault has refused.
        var refused: Set<String> = []
    }

    let options: SimulatorOptions
    let clock: any SimulatorClock
    /// Where each job submitted is recorded.
    let log: RequestLog
    private let state = Mutex(State())

    init(options: SimulatorOptions, clock: any SimulatorClock, log: RequestLog) {
        self.options = options
        self.clock = clock
        self.log = log
    }

    /// Adds `faults` to the next job submitted.
    func inject(_ faults: SimulatedFaults) {
        state.withLock { $0.injected = $0.injected.merged(with: faults) }
    }

    /// Queues a job for `input` and returns its id; `/runsync` ids start with `sync-` as in production.
    func submit(_ input: [String: JSONValue], sync: Bool) -> String {
        let request = WorkerRequest(input: input, options: options)
        let injected = state.withLock { state in
            defer { state.injected = SimulatedFaults() }
            return state.injected
        }
        let faults = SimulatedFaults(scanning: request.markerText).merged(with: injected)
        let id = (sync ? "sync-" : "") + UUID().uuidString.lowercased() + "-u1"
        log.append(request.record(id: id, faults: faults, options: options))
        let job = SimulatedJob(
            id: id, request: request, faults: faults, plan: plan(request, faults: faults), options: options, now: clock.now)
        state.withLock { state in
            state.jobs[id] = job
            state.order.append(id)
            if state.order.count > Self.retainedJobLimit { evictOldest(from: &state) }
        }
        return id
    }

    /// Runs `body` on job `id`, or returns nil when there is no such job.
    func withJob<Result: Sendable>(_ id: String, _ body: (inout SimulatedJob, Duration) -> Result) -> Result? {
        let now = clock.now
        return state.withLock { state in
            guard state.jobs[id] != nil else { return nil }
            return body(&state.jobs[id]!, now)
        }
    }

    /// Deletes job `id`, as production does when a job's `ttl` runs out.
    func remove(_ id: String) {
        state.withLock { state in
            state.jobs[id] = nil
            state.order.removeAll { $0 == id }
        }
    }

    /// Whether a `/run` with this body is seen for the first time by a `[[sim:run429]]` fault,
    /// which refuses it then; from now on it counts as seen.
    func refusesFirstTime(_ body: String) -> Bool {
        state.withLock { $0.refused.insert(body).inserted }
    }

    /// Re-queues a `FAILED` or `TIMED_OUT` job under its id, without its failure faults.
    /// - Returns: the job's status before, or nil when there is no such job.
    func retry(_ id: String) -> JobStatus? {
        guard let replay = withJob(id, { job, _ in (request: job.request, faults: job.faults.withoutFailures) }) else { return nil }
        let newPlan = plan(replay.request, faults: replay.faults)
        let before = withJob(id) { job, now in
            let status = job.progress(at: now).status
            if Self.isRetryable(status) { job.restart(plan: newPlan, faults: replay.faults, at: now) }
            return status
        }
        if let before, Self.isRetryable(before) { state.withLock { $0.retried += 1 } }
        return before
    }

    static func isRetryable(_ status: JobStatus) -> Bool {
        status == .failed || status == .timedOut
    }

    /// Removes the jobs still waiting in the queue; running ones go on.
    /// - Returns: how many were removed.
    func purgeQueue() -> Int {
        let now = clock.now
        return state.withLock { state in
            let queued = Set(state.jobs.values.filter { $0.progress(at: now).status == .inQueue }.map(\.id))
            state.order.removeAll { queued.contains($0) }
            for id in queued { state.jobs[id] = nil }
            return queued.count
        }
    }

    /// The `/health` answer: job counts by status, and one worker that is running or idle.
    func health() -> JSONValue {
        let now = clock.now
        let (counts, retried) = state.withLock { state in
            (state.jobs.values.map { $0.progress(at: now).status }, state.retried)
        }
        func count(_ statuses: JobStatus...) -> JSONValue {
            .number(Double(counts.filter { statuses.contains($0) }.count))
        }
        let running = counts.contains(.inProgress)
        return .object([
            "jobs": .object([
                "completed": count(.completed), "failed": count(.failed, .timedOut), "inProgress": count(.inProgress),
                "inQueue": count(.inQueue), "retried": .number(Double(retried)),
            ]),
            "workers": .object(["idle": .number(running ? 0 : 1), "running": .number(running ? 1 : 0)]),
        ])
    }

    /// Suspends until `isDone` holds, at most `limit`; it is checked every few milliseconds.
    func wait(upTo limit: Duration, until isDone: () -> Bool) async {
        let deadline = clock.now + limit
        while !isDone() {
            let remaining = deadline - clock.now
            guard remaining > .zero else { return }
            do {
                try await clock.sleep(for: min(.milliseconds(5), remaining))
            } catch {
                return  // cancelled: the server is stopping
            }
        }
    }

    private func plan(_ request: WorkerRequest, faults: SimulatedFaults) -> JobPlan {
        JobPlanner.plan(
            for: request, options: options, faults: faults,
            completionID: UUID().uuidString.lowercased().filter { $0 != "-" },
            created: Int(Date().timeIntervalSince1970))
    }

    /// Drops the oldest finished job, or the oldest job when none has finished.
    private func evictOldest(from state: inout State) {
        let now = clock.now
        let finished = state.order.firstIndex { state.jobs[$0]?.progress(at: now).status.isTerminal ?? true }
        let id = state.order.remove(at: finished ?? 0)
        state.jobs[id] = nil
    }
}
