import PodchatCore

/// A job object as `/run`, `/runsync`, `/status`, `/stream` and `/cancel` return it
/// (protocol.md §1.3, §1.6). Every field but `id` and `status` may be missing.
package struct JobResponse: Sendable, Equatable {
    /// The job id; opaque, and empty if the server sent none.
    package var id: String
    /// Where the job is in its life.
    package var status: JobStatus
    /// The `output` of each `/stream` element, in yield order; empty when there is no `stream` key.
    package var streamOutputs: [JSONValue]
    /// The job's `output`; for worker-vllm a list with one element per yield.
    package var output: JSONValue?
    /// The job's `error`, usually a string; present when it FAILED.
    package var error: JSONValue?
    /// Time spent in the queue.
    package var delay: Duration?
    /// Time spent running on a worker.
    package var execution: Duration?
    /// The worker that ran the job.
    package var workerID: String?

    /// A job object with the given fields, for tests and simulated answers.
    package init(
        id: String,
        status: JobStatus,
        streamOutputs: [JSONValue] = [],
        output: JSONValue? = nil,
        error: JSONValue? = nil,
        delay: Duration? = nil,
        execution: Duration? = nil,
        workerID: String? = nil
    ) {
        self.id = id
        self.status = status
        self.streamOutputs = streamOutputs
        self.output = output
        self.error = error
        self.delay = delay
        self.execution = execution
        self.workerID = workerID
    }

    /// The job object in `json`, or nil when it lacks a string `status`.
    package init?(json: JSONValue) {
        guard let status = json["status"]?.stringValue else { return nil }
        self.init(
            id: json["id"]?.stringValue ?? "",
            status: JobStatus(status),
            // Elements may carry extra keys (an older worker added `metrics`); only `output` counts.
            streamOutputs: (json["stream"]?.arrayValue ?? []).compactMap { $0["output"] },
            output: Self.present(json["output"]),
            error: Self.present(json["error"]),
            delay: json["delayTime"]?.intValue.map { .milliseconds($0) },
            execution: json["executionTime"]?.intValue.map { .milliseconds($0) },
            workerID: json["workerId"]?.stringValue
        )
    }

    private static func present(_ value: JSONValue?) -> JSONValue? {
        value == .null ? nil : value
    }
}
