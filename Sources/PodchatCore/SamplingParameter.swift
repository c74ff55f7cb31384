/// The description of one sampling parameter worker-vllm accepts: its name, type, range and step.
package struct SamplingParameter: Sendable, Equatable {
    /// How a parameter's value is typed.
    package enum Kind: Sendable, Equatable {
        case integer
        case decimal
    }

    /// The name on the wire (`sampling_params` key).
    package let name: String
    package let kind: Kind
    /// The worker's own default, used when podchat sends nothing.
    package let serverDefault: Double
    package let minimum: Double
    package let maximum: Double
    /// How much one press of an adjust key changes the value.
    package let step: Double

    /// Whether `value` has the right type and lies within the range.
    package func accepts(_ value: Double) -> Bool {
        guard value >= minimum, value <= maximum else { return false }
        return kind == .decimal || value.rounded() == value
    }

    /// `value` brought into range and, for integers, rounded.
    package func clamped(_ value: Double) -> Double {
        // Dividing by the step's reciprocal keeps 0.7 as 0.7 on the wire (× step gives 0.7000000000000001).
        let rounded = kind == .integer ? value.rounded() : (value / step).rounded() / (1 / step)
        return min(max(rounded, minimum), maximum)
    }

    /// The value as the side panel and the wire show it (`0.70`, `512`).
    package func format(_ value: Double) -> String {
        switch kind {
        case .integer: return String(Int(value))
        case .decimal: return formatDecimal(value, places: 2)
        }
    }
}

extension SamplingParameter {
    package static let temperature = SamplingParameter(
        name: "temperature", kind: .decimal, serverDefault: 1.0, minimum: 0, maximum: 2, step: 0.05)
    package static let topP = SamplingParameter(
        name: "top_p", kind: .decimal, serverDefault: 1.0, minimum: 0.01, maximum: 1, step: 0.01)
    package static let topK = SamplingParameter(
        name: "top_k", kind: .integer, serverDefault: -1, minimum: -1, maximum: 1000, step: 1)
    package static let minP = SamplingParameter(
        name: "min_p", kind: .decimal, serverDefault: 0, minimum: 0, maximum: 1, step: 0.01)
    package static let maxTokens = SamplingParameter(
        name: "max_tokens", kind: .integer, serverDefault: 16, minimum: 1, maximum: 131_072, step: 64)
    package static let presencePenalty = SamplingParameter(
        name: "presence_penalty", kind: .decimal, serverDefault: 0, minimum: -2, maximum: 2, step: 0.1)
    package static let frequencyPenalty = SamplingParameter(
        name: "frequency_penalty", kind: .decimal, serverDefault: 0, minimum: -2, maximum: 2, step: 0.1)
    package static let repetitionPenalty = SamplingParameter(
        name: "repetition_penalty", kind: .decimal, serverDefault: 1, minimum: 0.01, maximum: 2, step: 0.05)

    /// Every parameter podchat knows, in the order the side panel lists them.
    package static let all: [SamplingParameter] = [
        .temperature, .topP, .topK, .minP, .maxTokens, .presencePenalty, .frequencyPenalty, .repetitionPenalty,
    ]

    /// The parameter called `name` on the wire, if podchat knows it.
    package static func named(_ name: String) -> SamplingParameter? {
        all.first { $0.name == name }
    }
}

/// `value` with exactly `places` decimals, without Foundation's locale-dependent formatting.
package func formatDecimal(_ value: Double, places: Int) -> String {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((abs(value) * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = String(scaled % Int(scale))
    let padded = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
    let sign = value < 0 && scaled != 0 ? "-" : ""
    return places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(padded)"
}
