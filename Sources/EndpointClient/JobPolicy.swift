import PodchatCore

/// Per-job limits Runpod enforces (the envelope's `policy`, protocol.md §1.2).
package struct JobPolicy: Sendable, Equatable {
    /// Maximum run time once a worker takes the job (Runpod: 5 s … 7 days).
    package var executionTimeout: Duration?
    /// Total lifetime from submission, queue included; the job is deleted when it runs out.
    package var timeToLive: Duration?
    /// Whether the job may not trigger worker scale-up.
    package var lowPriority: Bool?

    /// A policy with the given limits; nil leaves a limit at the endpoint's setting.
    package init(executionTimeout: Duration? = nil, timeToLive: Duration? = nil, lowPriority: Bool? = nil) {
        self.executionTimeout = executionTimeout
        self.timeToLive = timeToLive
        self.lowPriority = lowPriority
    }

    /// The `policy` object, with only the fields that are set; nil when none is.
    package var json: JSONValue? {
        var fields: [String: JSONValue] = [:]
        if let executionTimeout { fields["executionTimeout"] = .number(Double(executionTimeout.milliseconds)) }
        if let timeToLive { fields["ttl"] = .number(Double(timeToLive.milliseconds)) }
        if let lowPriority { fields["lowPriority"] = .bool(lowPriority) }
        return fields.isEmpty ? nil : .object(fields)
    }
}
