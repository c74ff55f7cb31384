import EndpointClient
import PodchatCore

/// The one JSON object `podchat ask --json` prints.
struct AskReport {
    let summary: ReplySummary
    /// Why the reply failed, if it did.
    let failure: String?
    /// The job as `/status` reported it after the reply, for queue and run times.
    let timings: JobResponse?

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "status": .string(status),
            "choices": .array(summary.choices.enumerated().map { .object(["index": .number(Double($0.offset)), "text": .string($0.element)]) }),
            "text": .string(summary.texts[0] ?? ""),
        ]
        fields["job_id"] = summary.jobID.map(JSONValue.string)
        fields["finish_reason"] = finishReason.map(JSONValue.string)
        fields["error"] = failure.map(JSONValue.string)
        if let usage = summary.usage {
            fields["usage"] = .object(["prompt_tokens": .number(Double(usage.promptTokens)), "completion_tokens": .number(Double(usage.completionTokens))])
        }
        fields["time_to_first_token_ms"] = summary.timeToFirstToken.map { .number(Double($0.milliseconds)) }
        fields["tokens_per_second"] = summary.tokensPerSecond.map { .number(($0 * 10).rounded() / 10) }
        fields["delay_time_ms"] = timings?.delay.map { .number(Double($0.milliseconds)) }
        fields["execution_time_ms"] = timings?.execution.map { .number(Double($0.milliseconds)) }
        fields["worker_id"] = timings?.workerID.map(JSONValue.string)
        return .object(fields)
    }

    /// The job's final status, in Runpod's words.
    private var status: String {
        if failure != nil { return JobStatus.failed.wireName }
        switch summary.finishReason {
        case .completed, .length: return JobStatus.completed.wireName
        case .cancelled: return JobStatus.cancelled.wireName
        case .timedOut: return JobStatus.timedOut.wireName
        case nil: return JobStatus.failed.wireName
        }
    }

    private var finishReason: String? {
        switch summary.finishReason {
        case .completed: "stop"
        case .length: "length"
        case .cancelled: "cancelled"
        case .timedOut: "timed_out"
        case nil: nil
        }
    }
}
