import NIOHTTP1
import PodchatCore

/// Answers a job's polls, `/stream` and `/status`, with the poll faults the job still has
/// pending (see ``SimulatedFaults``).
struct PollAnswerer: Sendable {
    /// What a poll reads from the job: its `/stream` or `/status` object.
    typealias Read = @Sendable (inout SimulatedJob, Duration) -> JSONValue

    let queue: JobQueue

    /// `/stream`: the yields produced since the previous call, each delivered once; nil when
    /// there is no such job.
    func stream(_ id: String) async -> SimulatorResponse? {
        await answer(id, draining: true) { job, now in job.drain(at: now).streamObject(jobID: id) }
    }

    /// `/status`: the job object; nil when there is no such job.
    func status(_ id: String) async -> SimulatorResponse? {
        await answer(id, draining: false) { job, now in job.statusObject(at: now) }
    }

    private func answer(_ id: String, draining: Bool, read: @escaping Read) async -> SimulatorResponse? {
        guard let fault = queue.withJob(id, { job, now in job.takePollFault(at: now, draining: draining) }) else {
            return nil
        }
        switch fault {
        case .http(let code)?:
            return SimulatorRouter.httpFault(code)
        case .stall(let delay)?:
            return stalled(id, for: delay, read: read)
        case .reset?, .malformed?, nil:
            return respond(id, fault: fault, read: read)
        }
    }

    /// The job's answer, read now; a job that is to expire is deleted once a poll saw it running.
    private func respond(_ id: String, fault: PollFault?, read: Read) -> SimulatorResponse? {
        let answer = queue.withJob(id) { job, now in
            let expires = job.faults.expires && job.progress(at: now).status.isRunning
            return (json: read(&job, now), badUTF8: job.faults.badUTF8, expires: expires)
        }
        guard let answer else { return nil }
        if answer.expires { queue.remove(id) }
        return .pollAnswer(answer.json, fault: fault, badUTF8: answer.badUTF8)
    }

    /// An answer whose head goes out at once and whose body, read only then, after `delay`.
    private func stalled(_ id: String, for delay: Duration, read: @escaping Read) -> SimulatorResponse {
        let queue = self.queue
        let body: SimulatorResponse.Body = .stream { write in
            try await queue.clock.sleep(for: delay)
            guard let json = queue.withJob(id, read) else { return }
            try await write(json.encodedText)
        }
        return SimulatorResponse(status: .ok, headers: [("Content-Type", "application/json")], body: body)
    }
}
