import EndpointClient
import PodchatCore

extension JobResponse {
    /// The job as Runpod's own JSON, for `podchat jobs`.
    var json: JSONValue {
        var fields: [String: JSONValue] = ["id": .string(id), "status": .string(status.wireName)]
        fields["delayTime"] = delay.map { .number(Double($0.milliseconds)) }
        fields["executionTime"] = execution.map { .number(Double($0.milliseconds)) }
        fields["workerId"] = workerID.map(JSONValue.string)
        fields["output"] = output
        fields["error"] = error
        return .object(fields)
    }
}

extension EndpointHealth {
    /// The counts as Runpod's `/health` JSON, for `podchat jobs health`.
    var json: JSONValue {
        func count(_ value: Int) -> JSONValue { .number(Double(value)) }
        return .object([
            "jobs": .object([
                "completed": count(jobsCompleted), "failed": count(jobsFailed), "inProgress": count(jobsInProgress),
                "inQueue": count(jobsInQueue), "retried": count(jobsRetried),
            ]),
            "workers": .object([
                "idle": count(workersIdle), "running": count(workersRunning),
                "initializing": count(workersInitializing), "throttled": count(workersThrottled),
            ]),
        ])
    }
}
