import PodchatCore

/// Writes a generation in vLLM's OpenAI formats (protocol.md §3.4): `chat.completion` and its
/// `chat.completion.chunk` stream, or `text_completion` for `/v1/completions`.
struct OpenAIResponseWriter: Sendable {
    enum Kind: Sendable {
        case chat
        case text
    }

    /// One Server-Sent Event, with the step after which vLLM has sent it.
    struct Event: Sendable {
        var step: Int
        var text: String
    }

    var kind: Kind
    var generation: Generation
    var model: String
    var includeUsage: Bool
    var id: String
    var created: Int

    /// The events of the streamed reply: the role deltas (chat only), one event per token with
    /// `finish_reason` on each choice's last one, the usage event if asked for, then `[DONE]`.
    func events() -> [Event] {
        var events: [Event] = []
        if kind == .chat {
            for choice in generation.choices.indices {
                let delta: JSONValue = .object(["role": .string("assistant"), "content": .string("")])
                events.append(Event(step: 0, text: Self.sse(.object(chunk(choices: [streamChoice(choice, delta, finish: nil)])))))
            }
        }
        for update in generation.updates {
            let piece: JSONValue = kind == .chat ? .object(["content": .string(update.token)]) : .string(update.token)
            let finish = update.isLast ? generation.finishReasons[update.choice] : nil
            events.append(Event(step: update.step, text: Self.sse(.object(chunk(choices: [streamChoice(update.choice, piece, finish: finish)])))))
        }
        if includeUsage {
            var last = chunk(choices: [])
            last["usage"] = usage
            events.append(Event(step: generation.steps, text: Self.sse(.object(last))))
        }
        events.append(Event(step: generation.steps, text: "data: [DONE]\n\n"))
        return events
    }

    /// The non-streamed response object.
    func completion() -> JSONValue {
        let choices = generation.choices.indices.map { choice -> JSONValue in
            let text = JSONValue.string(generation.choices[choice].joined())
            var fields: [String: JSONValue] = [
                "index": .number(Double(choice)), "logprobs": .null, "stop_reason": .null,
                "finish_reason": .string(generation.finishReasons[choice]),
            ]
            switch kind {
            case .chat: fields["message"] = .object(["role": .string("assistant"), "content": text, "tool_calls": .array([])])
            case .text: fields["text"] = text
            }
            return .object(fields)
        }
        var object = envelope(object: kind == .chat ? "chat.completion" : "text_completion")
        object["choices"] = .array(choices)
        object["usage"] = usage
        return .object(object)
    }

    private func chunk(choices: [JSONValue]) -> [String: JSONValue] {
        var object = envelope(object: kind == .chat ? "chat.completion.chunk" : "text_completion")
        object["choices"] = .array(choices)
        return object
    }

    /// A streamed choice: `delta` for chat, `text` for completions.
    private func streamChoice(_ choice: Int, _ piece: JSONValue, finish: String?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "index": .number(Double(choice)), "logprobs": .null, "finish_reason": finish.map(JSONValue.string) ?? .null,
        ]
        switch kind {
        case .chat: fields["delta"] = piece
        case .text:
            fields["text"] = piece
            fields["stop_reason"] = .null
        }
        return .object(fields)
    }

    private func envelope(object: String) -> [String: JSONValue] {
        ["id": .string(id), "object": .string(object), "created": .number(Double(created)), "model": .string(model)]
    }

    private var usage: JSONValue {
        let prompt = generation.promptTokens
        let completion = generation.completionTokens
        return .object([
            "prompt_tokens": .number(Double(prompt)), "completion_tokens": .number(Double(completion)),
            "total_tokens": .number(Double(prompt + completion)),
        ])
    }

    private static func sse(_ value: JSONValue) -> String {
        "data: " + (value).encodedText + "\n\n"
    }
}
