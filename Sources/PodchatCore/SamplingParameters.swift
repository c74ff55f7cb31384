/// The sampling parameters the next request will carry: only the values that differ from the
/// worker's defaults, plus podchat's own defaults (notably `max_tokens`, whose worker default
/// of 16 truncates chats).
package struct SamplingParameters: Sendable, Equatable {
    /// podchat's `max_tokens` when the user and the config say nothing.
    package static let defaultMaxTokens = 1024.0

    private var values: [String: Double]

    /// Parameters with podchat's defaults, overridden by `overrides` (from the config).
    package init(overrides: [String: Double] = [:]) {
        values = [SamplingParameter.maxTokens.name: Self.defaultMaxTokens]
        for (name, value) in overrides { values[name] = value }
    }

    /// The value in effect for `parameter`: the one set here, else the worker's default.
    package func value(of parameter: SamplingParameter) -> Double {
        values[parameter.name] ?? parameter.serverDefault
    }

    /// Whether `parameter` differs from the worker's default and so will be sent.
    package func isChanged(_ parameter: SamplingParameter) -> Bool {
        values[parameter.name] != nil
    }

    /// Sets `parameter` to `value`, clamped into its range; a value equal to the worker's
    /// default is dropped so it is not sent.
    package mutating func set(_ parameter: SamplingParameter, to value: Double) {
        let clamped = parameter.clamped(value)
        values[parameter.name] = clamped == parameter.serverDefault ? nil : clamped
    }

    /// The `sampling_params` object for the wire, in a stable order.
    package var wireValues: [(name: String, value: JSONValue)] {
        values.keys.sorted().compactMap { name in
            guard let value = values[name] else { return nil }
            return (name, .number(value))
        }
    }
}
