import EndpointClient
import PodchatCore

/// The one JSON object `podchat ask --json` prints.
struct AskReport {
    let summary: ReplySummary
    /// Why the reply failed, if it did.
    let failure: CompletionFailure?
    /// The job as `/status` reported it after the reply, for queue and run times.
    let timings: JobResponse?

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "status": .string(status),
            "choices": .array(choices),
            "text": .string(summary.texts[0] ?? ""),
        ]
        fields["reasoning"] = summary.reasonings[0].map(JSONValue.string)
        fields["worker_generation"] = summary.generation.map { .string($0.rawValue) }
        fields["repaired"] = summary.wasRepaired ? .bool(true) : nil
        fields["job_id"] = summary.jobID.map(JSONValue.string)
        fields["finish_reason"] = finishReason.map(JSONValue.string)
        fields["error"] = failure.map { .string($0.message) }
        fields["error_detail"] = failure?.detail.map(JSONValue.string)
        if let usage = summary.usage {
            fields["usage"] = .object([
                "prompt_tokens": .number(Double(usage.promptTokens)), "completion_tokens": .number(Double(usage.completionTokens)),
            ])
        }
        fields["time_to_first_token_ms"] = summary.timeToFirstToken.map { .number(Double($0.milliseconds)) }
        fields["tokens_per_second"] = summary.tokensPerSecond.map { .number(($0 * 10).rounded() / 10) }
        fields["delay_time_ms"] = timings?.delay.map { .number(Double($0.milliseconds)) }
        fields["execution_time_ms"] = timings?.execution.map { .number(Double($0.milliseconds)) }
        fields["worker_id"] = timings?.workerID.map(JSONValue.string)
        return .object(fields)
    }

    /// Each choice's text, and its thinking and token log probabilities when there are any.
    private var choices: [JSONValue] {
        zip(summary.choices, summary.choiceReasonings).enumerated().map { index, choice in
            var fields: [String: JSONValue] = ["index": .number(Double(index)), "text": .string(choice.0)]
            if !choice.1.isEmpty { fields["reasoning"] = .string(choice.1) }
            if let tokens = summary.logprobs[index], !tokens.isEmpty { fields["logprobs"] = Self.json(tokens) }
            return .object(fields)
        }
    }

    private static func json(_ tokens: [TokenLogprob]) -> JSONValue {
        .array(
            tokens.map { token in
                .object([
                    "token": .string(token.token), "logprob": .number(token.logprob),
                    "top_logprobs": .array(token.alternatives.map { .object(["token": .string($0.token), "logprob": .number($0.logprob)]) }),
                ])
            })
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
