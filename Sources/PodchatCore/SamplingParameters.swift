/// The sampling parameters the next request will carry.
///
/// Every parameter is either **unset** (not sent: the model's own defaults decide, which on
/// today's proxy worker and any vLLM OpenAI server come from the model's
/// `generation_config.json`) or **set** (always sent, whatever its value, even when it equals a
/// documented default). podchat sets one value of its own unless told otherwise: `max_tokens`,
/// because the legacy worker's and `/v1/completions`' default of 16 truncates chats.
package struct SamplingParameters: Sendable, Equatable {
    /// podchat's `max_tokens` when the user and the config say nothing.
    package static let defaultMaxTokens = 1024.0

    /// The set values, by wire name; a parameter absent here is unset.
    private var values: [String: JSONValue]

    /// Parameters with podchat's `max_tokens`, plus `overrides` (from the config), which must
    /// already be valid (``SamplingParameter/problem(with:)``); each override counts as set.
    package init(overrides: [String: JSONValue] = [:]) {
        values = [SamplingParameter.maxTokens.name: .number(Self.defaultMaxTokens)]
        for (name, value) in overrides {
            if let parameter = SamplingParameter.named(name) { try? set(parameter, exactly: value) }
        }
    }

    /// The value set for `parameter`, or nil when it is unset and the model decides.
    package func value(of parameter: SamplingParameter) -> JSONValue? {
        values[parameter.name]
    }

    /// The set value as a number, for numeric parameters that have one.
    package func number(of parameter: SamplingParameter) -> Double? {
        value(of: parameter)?.numberValue
    }

    /// Whether `parameter` is set, and so will be sent.
    package func isSet(_ parameter: SamplingParameter) -> Bool {
        values[parameter.name] != nil
    }

    /// Sets a number, clamped into the parameter's range.
    package mutating func set(_ parameter: SamplingParameter, to value: Double) {
        values[parameter.name] = .number(parameter.clamped(value))
    }

    /// Sets any value after checking it; `.null` unsets the parameter.
    package mutating func set(_ parameter: SamplingParameter, exactly value: JSONValue) throws(SamplingParameterError) {
        if let problem = parameter.problem(with: value) {
            throw SamplingParameterError(name: parameter.name, problem: problem, given: value.encodedText)
        }
        values[parameter.name] = value == .null ? nil : value
    }

    /// Unsets `parameter`: it is no longer sent, so the model's default applies.
    package mutating func unset(_ parameter: SamplingParameter) {
        values[parameter.name] = nil
    }

    /// Moves a number by `steps` of its step (negative: down), clamped into range. An unset
    /// number starts from its documented default, or, without one, from the bottom of its
    /// range going up; going down from the bottom of such a range unsets it again.
    package mutating func adjust(_ parameter: SamplingParameter, bySteps steps: Double, stepSize: Double? = nil) {
        guard parameter.kind == .integer || parameter.kind == .decimal else { return }
        guard let current = number(of: parameter) ?? parameter.documentedDefault.numberValue else {
            if steps > 0, let bottom = parameter.range?.lowerBound { set(parameter, to: bottom) }
            return
        }
        if steps < 0, parameter.documentedDefault == .null, current <= parameter.range?.lowerBound ?? -.infinity {
            unset(parameter)
            return
        }
        set(parameter, to: current + steps * (stepSize ?? parameter.step))
    }

    /// Flips a boolean parameter; an unset one starts from its documented default.
    package mutating func toggle(_ parameter: SamplingParameter) {
        guard case .bool(let flag) = value(of: parameter) ?? parameter.documentedDefault else { return }
        values[parameter.name] = .bool(!flag)
    }

    /// Moves a choice parameter to its next option (`forward`) or the one before; an unset one
    /// starts at the first (or last) option, and moving past either end unsets it again.
    package mutating func cycle(_ parameter: SamplingParameter, forward: Bool = true) {
        guard case .choice(let options) = parameter.kind, !options.isEmpty else { return }
        let current = value(of: parameter)?.stringValue.flatMap { options.firstIndex(of: $0) }
        let next: Int? =
            switch (current, forward) {
            case (nil, true): 0
            case (nil, false): options.count - 1
            case (let index?, true): index + 1 < options.count ? index + 1 : nil
            case (let index?, false): index > 0 ? index - 1 : nil
            }
        values[parameter.name] = next.map { .string(options[$0]) }
    }

    /// Gives `parameter` the state it has in `other`: the same value, or unset.
    package mutating func restore(_ parameter: SamplingParameter, from other: SamplingParameters) {
        values[parameter.name] = other.values[parameter.name]
    }

    /// The set parameters, by name: exactly what is stored with conversations and presets.
    package var setValues: [String: JSONValue] { values }

    /// Parameters holding exactly `setValues` (nothing else is set, not even podchat's
    /// `max_tokens`), or the first value that cannot be used.
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

    /// The set fields that go inside `sampling_params` (or at the top level of an OpenAI
    /// body), in a stable order; fields placed elsewhere are left out.
    package var wireValues: [(name: String, value: JSONValue)] {
        values(placedIn: .samplingParams)
    }

    /// worker-vllm's batching fields that are set (`max_batch_size`, `min_batch_size`,
    /// `batch_size_growth_factor`), which belong at the top level of the job `input`.
    package var batchingValues: [(name: String, value: JSONValue)] {
        values(placedIn: .jobInput)
    }

    /// The set fields that go inside `chat_template_kwargs` (Qwen3's `enable_thinking`).
    package var templateValues: [(name: String, value: JSONValue)] {
        values(placedIn: .chatTemplateKwargs)
    }

    private func values(placedIn placement: SamplingParameter.Placement) -> [(name: String, value: JSONValue)] {
        values.keys.sorted().compactMap { name in
            guard SamplingParameter.named(name)?.placement == placement, let value = values[name] else { return nil }
            return (name, value)
        }
    }
}
