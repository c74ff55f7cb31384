import PodchatCore

extension JobResponse {
    /// The job object again, as the server sent it but for keys podchat does not read (an older
    /// worker's per-chunk `metrics`) and `stream` elements past what the request inspector
    /// shows: what it shows as the last answer.
    var answerJSON: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "status": .string(status.wireName)]
        // Every element is written as at least one character, so the elements past the
        // inspector's limit could never be shown: they are not wrapped.
        let shown = streamOutputs.prefix(JobExchanges.answerLimit + 1)
        if !shown.isEmpty { object["stream"] = .array(shown.map { .object(["output": $0]) }) }
        if let output { object["output"] = output }
        if let error { object["error"] = error }
        if let delay { object["delayTime"] = .number(Double(delay.milliseconds)) }
        if let execution { object["executionTime"] = .number(Double(execution.milliseconds)) }
        if let workerID { object["workerId"] = .string(workerID) }
        return .object(object)
    }
}
