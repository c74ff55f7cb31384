import PodchatCore

/// An endpoint's queue and worker counts from `GET /health` (protocol.md §1.5).
package struct EndpointHealth: Sendable, Equatable {
    /// Jobs waiting for a worker.
    package var jobsInQueue: Int
    /// Jobs a worker is running.
    package var jobsInProgress: Int
    /// Jobs finished recently (Runpod keeps results for a while).
    package var jobsCompleted: Int
    /// Jobs that failed recently.
    package var jobsFailed: Int
    /// Jobs re-queued with `/retry`.
    package var jobsRetried: Int
    /// Workers up and waiting for a job.
    package var workersIdle: Int
    /// Workers running a job.
    package var workersRunning: Int
    /// Workers starting up; not in the documented body, but in the JS and Go SDK types.
    package var workersInitializing: Int
    /// Workers held back by capacity limits; also only in the SDK types.
    package var workersThrottled: Int

    /// The counts in `json`; a missing count is zero.
    package init(json: JSONValue) {
        func count(_ group: String, _ key: String) -> Int { json[group]?[key]?.intValue ?? 0 }
        jobsInQueue = count("jobs", "inQueue")
        jobsInProgress = count("jobs", "inProgress")
        jobsCompleted = count("jobs", "completed")
        jobsFailed = count("jobs", "failed")
        jobsRetried = count("jobs", "retried")
        workersIdle = count("workers", "idle")
        workersRunning = count("workers", "running")
        workersInitializing = count("workers", "initializing")
        workersThrottled = count("workers", "throttled")
    }
}
