import PodchatCore

/// Decodes worker-vllm job output, chunk by chunk, into ``WorkerOutputItem``s.
///
/// Feed it every `output` value in order: each `/stream` element's `output`, or the `output`
/// list of `/runsync` and `/status` (a list is decoded element by element). The format is
/// detected per value (protocol.md §7.2), because the two worker generations differ:
///
/// - an object with `choices[*].tokens`: legacy worker (≤ v2.23), text pieces per choice and
///   cumulative `usage {input, output}`;
/// - a string: raw SSE text from the proxy worker (≥ v2.24), concatenated across values
///   because events are split anywhere;
/// - an object with OpenAI `choices` (`chat.completion[.chunk]`, `text_completion`);
///   answer text, thinking (`reasoning` or older vLLM's `reasoning_content`, in `delta` or
///   `message`) and log probabilities (chat `logprobs.content`, completions `logprobs.tokens`)
///   are read from each choice;
/// - a list of objects: the legacy worker with `RAW_OPENAI_OUTPUT=0`;
/// - an object with a truthy `error`: the worker's error report.
package struct WorkerOutputDecoder: Sendable {
    private var events = SSEParser()
    private var reasons: [Int: FinishReason] = [:]
    private var lastUsage: Usage?
    private var sawLegacyChunk = false
    /// The choice numbers a reply can have: podchat never asks for more than `n`'s maximum.
    static let choiceIndices = 0..<Int(SamplingParameter.n.range?.upperBound ?? 16)

    /// vLLM's stand-in for the log probability of an impossible token (log 0).
    static let unknownLogprob = -9999.0

    /// A decoder that has seen no output yet.
    package init() {}

    /// The items in one output value.
    package mutating func decode(_ output: JSONValue) -> [WorkerOutputItem] {
        switch output {
        case .string(let text):
            return decode(events.consume(text.utf8))
        case .array(let values):
            var items: [WorkerOutputItem] = []
            for value in values { items += decode(value) }
            return items
        case .object(let fields):
            return decode(object: fields)
        case .null, .bool, .number:
            return []
        }
    }

    /// The items still buffered once the job has ended: an SSE event without its blank line.
    package mutating func finish() -> [WorkerOutputItem] {
        decode(events.finish())
    }

    /// Why the reply ended, judged from everything decoded so far.
    ///
    /// An explicit `finish_reason` wins. The legacy format has none, so there the reply counts
    /// as cut off when the cumulative completion tokens reached `completionTokenLimit`
    /// (`max_tokens` × `n`, because legacy usage sums over all choices).
    package func finishReason(completionTokenLimit: Int?) -> FinishReason {
        if reasons.values.contains(.length) { return .length }
        if !reasons.isEmpty { return .completed }
        if sawLegacyChunk, let limit = completionTokenLimit, let usage = lastUsage, usage.completionTokens >= limit {
            return .length
        }
        return .completed
    }

    // MARK: - Formats

    private mutating func decode(_ sseEvents: [SSEEvent]) -> [WorkerOutputItem] {
        var items: [WorkerOutputItem] = []
        for event in sseEvents where event.data != "[DONE]" {
            // vLLM sends only JSON objects; anything else is noise such as a proxy's keep-alive.
            guard let fields = Self.chunk(event.data)?.objectValue else { continue }
            items += decode(object: fields)
        }
        return items
    }

    /// One SSE event's JSON with only the members ``decode(_:)`` reads of an object, or nil
    /// when it is not JSON: a chunk's other members (its id, model, object, creation time) are
    /// checked but not built, on every streamed token.
    package static func chunk(_ data: String) -> JSONValue? {
        JSONValue(parsing: data.utf8, keepingMembers: readMembers.contains)
    }

    /// The members of an output object that ``decode(_:)`` reads.
    private static let readMembers = ["error", "choices", "usage"]

    private mutating func decode(object fields: [String: JSONValue]) -> [WorkerOutputItem] {
        if let error = fields["error"], Self.isTruthy(error) {
            return [.error(WorkerErrorMessage(error))]
        }
        var items: [WorkerOutputItem] = []
        for (position, choice) in (fields["choices"]?.arrayValue ?? []).enumerated() {
            items += decode(choice: choice, position: position)
        }
        if let usage = fields["usage"].flatMap(Self.usage(from:)) {
            lastUsage = usage
            items.append(.usage(usage))
        }
        return items
    }

    private mutating func decode(choice: JSONValue, position: Int) -> [WorkerOutputItem] {
        let index = choice["index"]?.intValue ?? position
        // Choices are kept in arrays indexed by this number, so a wild one (negative, or in
        // the billions) must stop here rather than claim memory downstream.
        guard Self.choiceIndices.contains(index) else {
            return [.malformed("it names choice \(index), but podchat asks for at most \(Self.choiceIndices.count) choices")]
        }
        var items: [WorkerOutputItem] = []
        // A reasoning model thinks before it answers, so thinking goes first.
        if let thinking = Self.reasoning(of: choice), !thinking.isEmpty {
            items.append(.reasoning(choice: index, text: thinking))
        }
        if let text = text(of: choice), !text.isEmpty {
            items.append(.delta(choice: index, text: text))
        }
        if let tokens = choice["logprobs"].map(Self.tokenLogprobs(in:)), !tokens.isEmpty {
            items.append(.logprobs(choice: index, tokens))
        }
        if let name = choice["finish_reason"]?.stringValue {
            let reason: FinishReason = name == "length" ? .length : .completed
            reasons[index] = reason
            items.append(.finished(choice: index, reason: reason))
        }
        return items
    }

    /// The new text of one choice in whichever format it comes.
    private mutating func text(of choice: JSONValue) -> String? {
        if let tokens = choice["tokens"]?.arrayValue {
            sawLegacyChunk = true
            return tokens.compactMap(\.stringValue).joined()
        }
        return choice["delta"]?["content"]?.stringValue  // chat.completion.chunk
            ?? choice["message"]?["content"]?.stringValue  // chat.completion
            ?? choice["text"]?.stringValue  // text_completion, streamed or not
    }

    /// The new thinking of one choice: streamed in `delta`, whole in `message`. vLLM renamed
    /// `reasoning_content` to `reasoning`; either may come, depending on its version.
    private static func reasoning(of choice: JSONValue) -> String? {
        let part = choice["delta"] ?? choice["message"]
        return part?["reasoning"]?.stringValue ?? part?["reasoning_content"]?.stringValue
    }

    /// The tokens in a choice's `logprobs`: chat's `{content: [{token, logprob, top_logprobs:
    /// [{token, logprob}]}]}` or completions' parallel lists `{tokens, token_logprobs,
    /// top_logprobs: [{token: logprob}]}`; none for `null` or anything else.
    private static func tokenLogprobs(in logprobs: JSONValue) -> [TokenLogprob] {
        if let content = logprobs["content"]?.arrayValue {
            return content.compactMap { entry in
                guard let token = entry["token"]?.stringValue, let logprob = entry["logprob"]?.numberValue else { return nil }
                let alternatives = (entry["top_logprobs"]?.arrayValue ?? []).compactMap { alternative in
                    alternative["token"]?.stringValue.flatMap { token in
                        alternative["logprob"]?.numberValue.map { TokenLogprob.Alternative(token: token, logprob: $0) }
                    }
                }
                return TokenLogprob(token: token, logprob: logprob, alternatives: alternatives)
            }
        }
        guard let tokens = logprobs["tokens"]?.arrayValue else { return [] }
        let values = logprobs["token_logprobs"]?.arrayValue ?? []
        let tops = logprobs["top_logprobs"]?.arrayValue ?? []
        return tokens.indices.compactMap { position in
            guard let token = tokens[position].stringValue else { return nil }
            // vLLM writes null where it has no number (an echoed first prompt token); its own
            // floor for an impossible token stands in, as infinity would not survive JSON.
            let logprob = position < values.count ? values[position].numberValue : nil
            let top = position < tops.count ? tops[position].objectValue ?? [:] : [:]
            return TokenLogprob(token: token, logprob: logprob ?? Self.unknownLogprob, alternatives: alternatives(in: top))
        }
    }

    /// A completions `top_logprobs` entry, `{token: logprob}`, most likely first: a JSON
    /// object has no order, so the order is rebuilt from the numbers.
    private static func alternatives(in top: [String: JSONValue]) -> [TokenLogprob.Alternative] {
        top.compactMap { token, value in value.numberValue.map { TokenLogprob.Alternative(token: token, logprob: $0) } }
            .sorted { ($0.logprob, $1.token) > ($1.logprob, $0.token) }
    }

    /// Legacy `{input, output}` or OpenAI `{prompt_tokens, completion_tokens}`.
    private static func usage(from value: JSONValue) -> Usage? {
        if let input = value["input"]?.intValue, let output = value["output"]?.intValue {
            return Usage(promptTokens: input, completionTokens: output)
        }
        if let prompt = value["prompt_tokens"]?.intValue, let completion = value["completion_tokens"]?.intValue {
            return Usage(promptTokens: prompt, completionTokens: completion)
        }
        return nil
    }

    /// Python truthiness, because the Runpod SDK fails a job only on a truthy `error` (§1.9).
    private static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .number(let number): number != 0
        case .string(let text): !text.isEmpty
        case .array(let values): !values.isEmpty
        case .object(let fields): !fields.isEmpty
        }
    }
}
