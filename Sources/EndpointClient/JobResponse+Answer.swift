import PodchatCore

extension JobResponse {
    /// The job object again, as the server sent it but for keys podchat does not read (an older
    /// worker's per-chunk `metrics`): what the request inspector shows as the last answer.
    var answerJSON: JSONValue {
        var object: [String: JSONValue] = ["id": .string(id), "status": .string(status.wireName)]
        if !streamOutputs.isEmpty { object["stream"] = .array(streamOutputs.map { .object(["output": $0]) }) }
        if let output { object["output"] = output }
        if let error { object["error"] = error }
        if let delay { object["delayTime"] = .number(Double(delay.milliseconds)) }
        if let execution { object["executionTime"] = .number(Double(execution.milliseconds)) }
        if let workerID { object["workerId"] = .string(workerID) }
        return .object(object)
    }
}
