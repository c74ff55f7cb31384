/// How busy an endpoint is, from Runpod's `/health`: jobs waiting and running, and its workers.
package struct EndpointLoad: Sendable, Equatable {
    package var jobsInQueue: Int
    package var jobsInProgress: Int
    package var workersIdle: Int
    package var workersRunning: Int
    /// Workers starting up (loading the model): a cold start in progress.
    package var workersInitializing: Int
    package var workersThrottled: Int

    package init(
        jobsInQueue: Int, jobsInProgress: Int, workersIdle: Int, workersRunning: Int,
        workersInitializing: Int = 0, workersThrottled: Int = 0
    ) {
        self.jobsInQueue = jobsInQueue
        self.jobsInProgress = jobsInProgress
        self.workersIdle = workersIdle
        self.workersRunning = workersRunning
        self.workersInitializing = workersInitializing
        self.workersThrottled = workersThrottled
    }

    /// One line for the status bar, e.g. `queue 2 · workers 1 running, 0 idle, 1 starting`.
    package var summary: String {
        var workers = ["\(workersRunning) running", "\(workersIdle) idle"]
        if workersInitializing > 0 { workers.append("\(workersInitializing) starting") }
        if workersThrottled > 0 { workers.append("\(workersThrottled) throttled") }
        return "queue \(jobsInQueue) · workers \(workers.joined(separator: ", "))"
    }
}
