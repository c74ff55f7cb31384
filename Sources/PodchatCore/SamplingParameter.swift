/// The description of one sampling parameter worker-vllm accepts (`sampling_params`): its name,
/// type, range, default and step. vLLM's `SamplingParameters` is the reference (protocol.md §2.3).
package struct SamplingParameter: Sendable, Equatable {
    /// How a parameter's value is typed on the wire.
    package enum Kind: Sendable, Equatable {
        case integer
        case decimal
        case boolean
        /// A list of strings (`stop`); a single string is accepted and sent as a one-item list.
        case stringList
        case integerList
        /// One of a few words (`reasoning_effort`: low, medium, high).
        case choice([String])
    }

    /// The panel's small headings, in the order it lists them.
    package enum Group: String, Sendable, Equatable, CaseIterable {
        case core
        case penalties
        case stopping
        case output
        case streaming
        /// The switches of reasoning models: how hard gpt-oss thinks, whether Qwen3 thinks.
        case reasoning
        /// Beam search and the fields that went with it; what each does depends on the worker.
        case beamSearch = "beam search"
    }

    /// Where a value goes in the worker's job `input`.
    package enum Placement: Sendable, Equatable {
        /// Inside `sampling_params`.
        case samplingParams
        /// Beside `sampling_params`, at the top level of `input`: worker-vllm's own batching
        /// fields, which only the legacy worker (≤ v2.23) reads (protocol.md §2.1).
        case jobInput
        /// Inside `chat_template_kwargs`, read by the model's chat template (Qwen3's
        /// `enable_thinking`); chat requests to the proxy worker or an OpenAI route only.
        case chatTemplateKwargs
    }

    /// The name on the wire (`sampling_params` key).
    package let name: String
    package let kind: Kind
    /// The default vLLM documents (`.null`: none). It is where adjusting an unset value
    /// starts, not what an unset value means: the model's `generation_config.json` decides that.
    package let documentedDefault: JSONValue
    /// The allowed range of numbers (and of list items for integer lists).
    package let range: ClosedRange<Double>?
    /// How much one press of an adjust key changes a number.
    package let step: Double
    package let group: Group
    package let placement: Placement
    /// A caveat for the panel's detail line, e.g. what the field does on each worker generation.
    package let note: String?
    /// Whether the legacy worker (≤ v2.23), which fails a job on any field vLLM's
    /// `SamplingParams` lacks, can be sent this field in a native job input.
    package let legacyWorkerAccepts: Bool

    init(
        _ name: String, _ kind: Kind, default documentedDefault: JSONValue, range: ClosedRange<Double>? = nil, step: Double = 1,
        group: Group, placement: Placement = .samplingParams, note: String? = nil, legacyWorkerAccepts: Bool = true
    ) {
        self.name = name
        self.kind = kind
        self.documentedDefault = documentedDefault
        self.range = range
        self.step = step
        self.group = group
        self.placement = placement
        self.note = note
        self.legacyWorkerAccepts = legacyWorkerAccepts
    }

    /// The big step of Shift-arrows and PgUp/PgDn in the panel.
    package var coarseStep: Double { step * 10 }

    /// Why `value` cannot be sent for this parameter, or nil when it can.
    package func problem(with value: JSONValue) -> String? {
        if value == .null { return nil }
        let mismatch = "must be \(expectation)"
        switch kind {
        case .boolean: return value.boolValue == nil ? mismatch : nil
        case .integer, .decimal: return value.numberValue.map(numberProblem) ?? mismatch
        case .stringList:
            if value.stringValue != nil { return nil }
            guard let items = value.arrayValue else { return mismatch }
            return items.allSatisfy { $0.stringValue != nil } ? nil : "must be a list of strings"
        case .integerList:
            guard let items = value.arrayValue else { return mismatch }
            for item in items {
                guard let number = item.numberValue else { return "must be a list of whole numbers" }
                if let problem = numberProblem(number) { return problem }
            }
            return nil
        case .choice(let options):
            guard let word = value.stringValue else { return mismatch }
            return options.contains(word) ? nil : mismatch
        }
    }

    /// What a valid value looks like, for messages: "a number in 0.00…2.00".
    package var expectation: String {
        let bounds = range.map { " in \(format(.number($0.lowerBound)))…\(format(.number($0.upperBound)))" } ?? ""
        switch kind {
        case .integer: return "a whole number\(bounds)"
        case .decimal: return "a number\(bounds)"
        case .boolean: return "true or false"
        case .stringList: return "a string or a list of strings"
        case .integerList: return "a list of whole numbers"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        }
    }

    /// The kind as the panel's detail line names it.
    package var kindName: String {
        switch kind {
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .boolean: return "boolean"
        case .stringList: return "strings"
        case .integerList: return "integers"
        case .choice: return "choice"
        }
    }

    /// `text` as typed by a person (`0.7`, `true`, `["END", "###"]`, `1,2,3`), validated.
    package func parse(_ text: String) -> Result<JSONValue, SamplingParameterError> {
        let trimmed = text.trimmingWhitespace
        let value: JSONValue?
        switch kind {
        case .integer, .decimal: value = Double(trimmed).map(JSONValue.number)
        case .boolean:
            value =
                ["true", "yes", "on", "1"].contains(trimmed.lowercased())
                ? .bool(true)
                : ["false", "no", "off", "0"].contains(trimmed.lowercased()) ? .bool(false) : nil
        case .stringList: value = trimmed.hasPrefix("[") ? JSONValue(parsing: trimmed) : .array([.string(text)])
        case .integerList:
            value =
                trimmed.hasPrefix("[")
                ? JSONValue(parsing: trimmed)
                : .array(trimmed.split(separator: ",").map { Double($0.trimmingWhitespace).map(JSONValue.number) ?? .null })
        case .choice: value = .string(trimmed.lowercased())
        }
        guard let value, problem(with: value) == nil else {
            return .failure(SamplingParameterError(name: name, problem: "must be \(expectation)", given: text))
        }
        return .success(normalized(value))
    }

    /// `value` brought into range and, for integers, rounded; other kinds are left as they are.
    package func clamped(_ value: Double) -> Double {
        // Dividing by the step's reciprocal keeps 0.7 as 0.7 on the wire (× step gives 0.7000000000000001).
        let rounded = kind == .integer ? value.rounded() : (value / step).rounded() / (1 / step)
        guard let range else { return rounded }
        return min(max(rounded, range.lowerBound), range.upperBound)
    }

    /// The value as the side panel and messages show it (`0.70`, `512`, `true`, `["END"]`, `none`).
    package func format(_ value: JSONValue) -> String {
        switch value {
        case .null: return "none"
        case .number(let number): return kind == .decimal ? formatDecimal(number, places: 2) : String(Int(number))
        case .bool(let flag): return flag ? "true" : "false"
        case .string(let word) where kind.isChoice: return word
        case .string, .array, .object: return value.encodedText
        }
    }

    /// A single stop string goes on the wire as a list, as vLLM documents it.
    private func normalized(_ value: JSONValue) -> JSONValue {
        if kind == .stringList, case .string = value { return .array([value]) }
        return value
    }

    private func numberProblem(_ number: Double) -> String? {
        if (kind == .integer || kind == .integerList) && number.rounded() != number { return "must be \(expectation)" }
        if let range, !range.contains(number) { return "must be \(expectation)" }
        return nil
    }
}

/// A sampling parameter value that cannot be used, with the reason.
package struct SamplingParameterError: Error, Sendable, Equatable, CustomStringConvertible {
    package var name: String
    package var problem: String
    package var given: String

    package var description: String { "\(name) \(problem) (got \(given))" }
}

extension SamplingParameter {
    package static let temperature = SamplingParameter("temperature", .decimal, default: .number(1), range: 0...2, step: 0.05, group: .core)
    package static let topP = SamplingParameter("top_p", .decimal, default: .number(1), range: 0.01...1, step: 0.01, group: .core)
    package static let topK = SamplingParameter(
        "top_k", .integer, default: .number(-1), range: -1...100_000, group: .core, note: "-1 (or 0 on newer vLLM) keeps all tokens")
    package static let minP = SamplingParameter("min_p", .decimal, default: .number(0), range: 0...1, step: 0.01, group: .core)
    package static let maxTokens = SamplingParameter(
        "max_tokens", .integer, default: .number(16), range: 1...1_048_576, step: 64, group: .core,
        note: "podchat sets 1024 unless told; thinking counts against it")
    package static let presencePenalty = SamplingParameter(
        "presence_penalty", .decimal, default: .number(0), range: -2...2, step: 0.1, group: .penalties)
    package static let frequencyPenalty = SamplingParameter(
        "frequency_penalty", .decimal, default: .number(0), range: -2...2, step: 0.1, group: .penalties)
    package static let repetitionPenalty = SamplingParameter(
        "repetition_penalty", .decimal, default: .number(1), range: 0.01...2, step: 0.05, group: .penalties)
    package static let stop = SamplingParameter("stop", .stringList, default: .null, group: .stopping, note: "text, or a JSON list of strings")
    package static let stopTokenIDs = SamplingParameter(
        "stop_token_ids", .integerList, default: .null, range: 0...10_000_000, group: .stopping, note: "token ids, separated by commas")
    package static let minTokens = SamplingParameter("min_tokens", .integer, default: .number(0), range: 0...1_048_576, step: 16, group: .stopping)
    package static let ignoreEOS = SamplingParameter("ignore_eos", .boolean, default: .bool(false), group: .stopping)
    package static let n = SamplingParameter(
        "n", .integer, default: .number(1), range: 1...16, group: .output, note: "choices per reply: [ ] picks one")
    package static let seed = SamplingParameter("seed", .integer, default: .null, range: 0...9_007_199_254_740_991, group: .output)
    package static let skipSpecialTokens = SamplingParameter("skip_special_tokens", .boolean, default: .bool(true), group: .output)
    package static let spacesBetweenSpecialTokens = SamplingParameter(
        "spaces_between_special_tokens", .boolean, default: .bool(true), group: .output)
    package static let includeStopStringInOutput = SamplingParameter(
        "include_stop_str_in_output", .boolean, default: .bool(false), group: .output)
    package static let truncatePromptTokens = SamplingParameter(
        "truncate_prompt_tokens", .integer, default: .null, range: 1...1_048_576, step: 64, group: .output)
    package static let logprobs = SamplingParameter(
        "logprobs", .integer, default: .null, range: 0...20, group: .output,
        note: "alternatives per token; chat sends logprobs true + top_logprobs N, completions logprobs N")
    package static let promptLogprobs = SamplingParameter("prompt_logprobs", .integer, default: .null, range: 0...20, group: .output)
    package static let maxBatchSize = SamplingParameter(
        "max_batch_size", .integer, default: .null, range: 1...10_000, step: 5, group: .streaming, placement: .jobInput,
        note: "most tokens per chunk; legacy worker only (its default: 50)")
    package static let minBatchSize = SamplingParameter(
        "min_batch_size", .integer, default: .null, range: 1...10_000, group: .streaming, placement: .jobInput,
        note: "tokens in the first chunk; legacy worker only (its default: 1)")
    package static let batchSizeGrowthFactor = SamplingParameter(
        "batch_size_growth_factor", .decimal, default: .null, range: 1...100, step: 0.5, group: .streaming, placement: .jobInput,
        note: "chunk growth; legacy worker only (its default: 3)")
    package static let reasoningEffort = SamplingParameter(
        "reasoning_effort", .choice(["low", "medium", "high"]), default: .null, group: .reasoning,
        note: "how long gpt-oss thinks; proxy worker and OpenAI route only (the legacy worker would fail the job)",
        legacyWorkerAccepts: false)
    package static let enableThinking = SamplingParameter(
        "enable_thinking", .boolean, default: .bool(true), group: .reasoning, placement: .chatTemplateKwargs,
        note: "Qwen3's thinking switch, sent as chat_template_kwargs; chat mode on the proxy worker or an OpenAI route only",
        legacyWorkerAccepts: false)
    package static let bestOf = SamplingParameter(
        "best_of", .integer, default: .null, range: 1...16, group: .beamSearch,
        note: "proxy worker: ignored; legacy worker: fails the job (its vLLM dropped best_of)", legacyWorkerAccepts: false)
    package static let useBeamSearch = SamplingParameter(
        "use_beam_search", .boolean, default: .bool(false), group: .beamSearch,
        note: "proxy worker: real beam search (n beams); legacy worker: fails the job", legacyWorkerAccepts: false)
    package static let lengthPenalty = SamplingParameter(
        "length_penalty", .decimal, default: .number(1), range: -10...10, step: 0.1, group: .beamSearch,
        note: "proxy worker: scores beams in beam search; legacy worker: fails the job", legacyWorkerAccepts: false)
    package static let earlyStopping = SamplingParameter(
        "early_stopping", .boolean, default: .bool(false), group: .beamSearch,
        note: "proxy worker: ignored; legacy worker: fails the job", legacyWorkerAccepts: false)

    /// The parameters people tune most.
    package static let core: [SamplingParameter] = [
        .temperature, .topP, .topK, .minP, .maxTokens, .presencePenalty, .frequencyPenalty, .repetitionPenalty,
    ]

    /// Every parameter podchat knows, in the order the side panel lists them (by group).
    package static let all: [SamplingParameter] = [
        .temperature, .topP, .topK, .minP, .maxTokens,
        .presencePenalty, .frequencyPenalty, .repetitionPenalty,
        .stop, .stopTokenIDs, .minTokens, .ignoreEOS,
        .n, .seed, .skipSpecialTokens, .spacesBetweenSpecialTokens, .includeStopStringInOutput, .truncatePromptTokens,
        .logprobs, .promptLogprobs,
        .maxBatchSize, .minBatchSize, .batchSizeGrowthFactor,
        .reasoningEffort, .enableThinking,
        .bestOf, .useBeamSearch, .lengthPenalty, .earlyStopping,
    ]

    /// What a person types to unset a parameter (`/set temperature model`, or an empty edit).
    package static let unsetWords: Set<String> = ["", "model", "unset", "none", "default"]

    /// The parameter called `name` on the wire, if podchat knows it.
    package static func named(_ name: String) -> SamplingParameter? {
        all.first { $0.name == name }
    }
}

extension SamplingParameter.Kind {
    /// Whether values are words from a fixed list.
    package var isChoice: Bool {
        if case .choice = self { true } else { false }
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

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    package var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
