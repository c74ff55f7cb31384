/// The sampling parameters the next request will carry: only the values that differ from the
/// worker's defaults, plus podchat's own defaults (notably `max_tokens`, whose worker default
/// of 16 truncates chats).
package struct SamplingParameters: Sendable, Equatable {
    /// podchat's `max_tokens` when the user and the config say nothing.
    package static let defaultMaxTokens = 1024.0

    private var values: [String: JSONValue]

    /// Parameters with podchat's defaults, overridden by `overrides` (from the config), which
    /// must already be valid (``SamplingParameter/problem(with:)``).
    package init(overrides: [String: JSONValue] = [:]) {
        values = [SamplingParameter.maxTokens.name: .number(Self.defaultMaxTokens)]
        for (name, value) in overrides {
            if let parameter = SamplingParameter.named(name) { try? set(parameter, exactly: value) }
        }
    }

    /// The value in effect for `parameter`: the one set here, else the worker's default.
    package func value(of parameter: SamplingParameter) -> JSONValue {
        values[parameter.name] ?? parameter.serverDefault
    }

    /// The value in effect as a number, for numeric parameters that have one.
    package func number(of parameter: SamplingParameter) -> Double? {
        value(of: parameter).numberValue
    }

    /// Whether `parameter` differs from the worker's default and so will be sent.
    package func isChanged(_ parameter: SamplingParameter) -> Bool {
        values[parameter.name] != nil
    }

    /// Sets a number, clamped into the parameter's range; a value equal to the worker's default
    /// is dropped so it is not sent.
    package mutating func set(_ parameter: SamplingParameter, to value: Double) {
        store(.number(parameter.clamped(value)), for: parameter)
    }

    /// Sets any value after checking it; `.null` or the worker's default removes it.
    package mutating func set(_ parameter: SamplingParameter, exactly value: JSONValue) throws(SamplingParameterError) {
        if let problem = parameter.problem(with: value) {
            throw SamplingParameterError(name: parameter.name, problem: problem, given: value.encodedText)
        }
        store(value, for: parameter)
    }

    /// Removes a value set here, so the worker's default applies.
    package mutating func reset(_ parameter: SamplingParameter) {
        values[parameter.name] = nil
    }

    /// Moves a number by `steps` of its step (negative: down), clamped into range. A value
    /// that is unset ("none") starts at the bottom of its range going up, and going down from
    /// the bottom of the range unsets it again.
    package mutating func adjust(_ parameter: SamplingParameter, bySteps steps: Double, stepSize: Double? = nil) {
        guard parameter.kind == .integer || parameter.kind == .decimal else { return }
        guard let current = number(of: parameter) else {
            if steps > 0, let bottom = parameter.range?.lowerBound { set(parameter, to: bottom) }
            return
        }
        if steps < 0, parameter.serverDefault == .null, current <= parameter.range?.lowerBound ?? -.infinity {
            reset(parameter)
            return
        }
        set(parameter, to: current + steps * (stepSize ?? parameter.step))
    }

    /// Flips a boolean parameter.
    package mutating func toggle(_ parameter: SamplingParameter) {
        guard case .bool(let flag) = value(of: parameter) else { return }
        store(.bool(!flag), for: parameter)
    }

    /// Gives `parameter` the value it has in `other` (set there or not).
    package mutating func restore(_ parameter: SamplingParameter, from other: SamplingParameters) {
        values[parameter.name] = other.values[parameter.name]
    }

    /// The parameters set here, by name: the `sampling_params` and the batching fields; for presets.
    package var setValues: [String: JSONValue] { values }

    /// Parameters holding exactly `setValues` (nothing else, not even podchat's `max_tokens`),
    /// or the first value that cannot be used.
    package static func exactly(_ setValues: [String: JSONValue]) throws(SamplingParameterError) -> SamplingParameters {
        var parameters = SamplingParameters()
        parameters.values = [:]
        for (name, value) in setValues.sorted(by: { $0.key < $1.key }) {
            guard let parameter = SamplingParameter.named(name) else {
                throw SamplingParameterError(name: name, problem: "is not a known parameter", given: value.encodedText)
            }
            try parameters.set(parameter, exactly: value)
        }
        return parameters
    }

    /// The `sampling_params` object for the wire, in a stable order; the batching fields,
    /// which go elsewhere in the job input, are left out (see ``batchingValues``).
    package var wireValues: [(name: String, value: JSONValue)] {
        values(placedIn: .samplingParams)
    }

    /// worker-vllm's batching fields that are set (`max_batch_size`, `min_batch_size`,
    /// `batch_size_growth_factor`), which belong at the top level of the job `input`.
    package var batchingValues: [(name: String, value: JSONValue)] {
        values(placedIn: .jobInput)
    }

    private func values(placedIn placement: SamplingParameter.Placement) -> [(name: String, value: JSONValue)] {
        values.keys.sorted().compactMap { name in
            guard SamplingParameter.named(name)?.placement == placement, let value = values[name] else { return nil }
            return (name, value)
        }
    }

    private mutating func store(_ value: JSONValue, for parameter: SamplingParameter) {
        if value == parameter.serverDefault || value == .null {
            values.removeValue(forKey: parameter.name)
        } else {
            values[parameter.name] = value
        }
    }
}
