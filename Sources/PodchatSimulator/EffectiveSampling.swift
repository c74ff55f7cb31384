import PodchatCore

/// The sampling values a job's generation really ran with, after the defaults were filled in:
/// what the request log records per job and what `[[sim:params]]` makes the reply state.
package struct EffectiveSampling: Sendable, Equatable {
    package var temperature: Double
    package var topP: Double
    package var topK: Int
    package var minP: Double
    package var presencePenalty: Double
    package var frequencyPenalty: Double
    package var repetitionPenalty: Double
    /// The most tokens the reply may have; nil only when nothing limits it.
    package var maxTokens: Int?

    /// vLLM's documented `SamplingParams` defaults, which the legacy worker's engine uses.
    static let documented = EffectiveSampling(
        temperature: 1, topP: 1, topK: 0, minP: 0, presencePenalty: 0, frequencyPenalty: 0, repetitionPenalty: 1, maxTokens: nil)

    /// The fields `body` sets, the rest from `fallback`; a null counts as left out, as in vLLM
    /// ("user value, then server default, then OpenAI default").
    init(_ body: [String: JSONValue], fallback: EffectiveSampling) {
        func number(_ name: String, _ fallback: Double) -> Double { body[name]?.numberValue ?? fallback }
        temperature = number("temperature", fallback.temperature)
        topP = number("top_p", fallback.topP)
        topK = body["top_k"]?.intValue ?? fallback.topK
        minP = number("min_p", fallback.minP)
        presencePenalty = number("presence_penalty", fallback.presencePenalty)
        frequencyPenalty = number("frequency_penalty", fallback.frequencyPenalty)
        repetitionPenalty = number("repetition_penalty", fallback.repetitionPenalty)
        maxTokens = fallback.maxTokens
    }

    /// OpenAI's defaults with the model's own on top: what vLLM's OpenAI server falls back to.
    static func modelDefaults(_ model: ModelDefaults) -> EffectiveSampling {
        var values = documented
        values.temperature = model.temperature
        values.topP = model.topP
        values.topK = model.topK
        return values
    }

    private init(
        temperature: Double, topP: Double, topK: Int, minP: Double, presencePenalty: Double, frequencyPenalty: Double,
        repetitionPenalty: Double, maxTokens: Int?
    ) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.minP = minP
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.repetitionPenalty = repetitionPenalty
        self.maxTokens = maxTokens
    }

    /// `temperature=1.0 top_p=0.95 top_k=20 min_p=0.0 presence_penalty=0.0 frequency_penalty=0.0
    /// repetition_penalty=1.0 max_tokens=1024`, numbers written as Python writes them.
    package var summary: String {
        [
            "temperature=\(temperature)", "top_p=\(topP)", "top_k=\(topK)", "min_p=\(minP)", "presence_penalty=\(presencePenalty)",
            "frequency_penalty=\(frequencyPenalty)", "repetition_penalty=\(repetitionPenalty)",
            "max_tokens=\(maxTokens.map(String.init) ?? "None")",
        ].joined(separator: " ")
    }
}
