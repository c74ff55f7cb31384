import PodchatCore

/// Shapes a generation the way worker-vllm ≤ 2.23 yields it for native input (protocol.md §3.1–3.3).
enum LegacyChunkWriter {
    /// Streaming: chunks of new pieces per choice, closed by `batching`; otherwise one chunk with
    /// each choice's whole text at the end. `usage.output` counts updates so far, over all choices.
    static func plan(_ generation: Generation, batching: BatchPolicy, stream: Bool) -> JobPlan {
        guard stream else {
            let texts = generation.choices.map { [$0.joined()] }
            let output = chunk(texts, promptTokens: generation.promptTokens, updates: generation.completionTokens)
            return JobPlan(yields: [JobPlan.Yield(step: generation.steps, output: output)], endStep: generation.steps)
        }
        let updates = generation.updates
        var start = 0
        let yields = batching.chunkEnds(count: updates.count).map { end in
            var tokens = Array(repeating: [String](), count: generation.choices.count)
            for update in updates[start..<end] { tokens[update.choice].append(update.token) }
            start = end
            let output = chunk(tokens, promptTokens: generation.promptTokens, updates: end)
            return JobPlan.Yield(step: updates[end - 1].step, output: output)
        }
        return JobPlan(yields: yields, endStep: generation.steps)
    }

    private static func chunk(_ tokens: [[String]], promptTokens: Int, updates: Int) -> JSONValue {
        .object([
            "choices": .array(tokens.map { .object(["tokens": .array($0.map(JSONValue.string))]) }),
            "usage": .object(["input": .number(Double(promptTokens)), "output": .number(Double(updates))]),
        ])
    }
}
