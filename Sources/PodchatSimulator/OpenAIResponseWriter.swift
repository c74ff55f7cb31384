import PodchatCore

/// Writes a generation in vLLM's OpenAI formats (protocol.md §3.4): `chat.completion` and its
/// `chat.completion.chunk` stream, or `text_completion` for `/v1/completions`; with thinking
/// before the answer when the generation has some, and log probabilities when asked for.
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
    /// Where a chat's thinking goes; nil when the server has no reasoning parser (the legacy
    /// worker), whose messages then lack the field.
    var reasoningField: ReasoningField?
    /// Alternatives per token when log probabilities were asked for.
    var logprobs: Int?
    /// Stream as llama.cpp's server does (`[[sim:llamacpp]]`, ``llamaCppEvents()``).
    var llamaCppStyle = false

    /// The events of the streamed reply: the role deltas (chat only), one event per token with
    /// `finish_reason` on each choice's last one, the usage event if asked for, then `[DONE]`.
    func events() -> [Event] {
        if llamaCppStyle { return llamaCppEvents() }
        var events = kind == .chat ? generation.choices.indices.map(roleEvent) : []
        events += tokenEvents()
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
            var fields: [String: JSONValue] = [
                "index": .number(Double(choice)), "logprobs": wholeLogprobs(of: choice), "stop_reason": .null,
                "finish_reason": .string(generation.finishReasons[choice]),
            ]
            switch kind {
            case .chat: fields["message"] = message(of: choice)
            case .text: fields["text"] = .string(generation.choices[choice].joined())
            }
            return .object(fields)
        }
        var object = envelope(object: kind == .chat ? "chat.completion" : "text_completion")
        object["choices"] = .array(choices)
        object["usage"] = usage
        return .object(object)
    }

    private func roleEvent(_ choice: Int) -> Event {
        let delta: JSONValue = .object(["role": .string("assistant"), "content": .string("")])
        return Event(step: 0, text: Self.sse(.object(chunk(choices: [streamChoice(choice, delta, finish: nil, logprobs: .null)]))))
    }

    /// One event per token; a choice's tokens are counted (for log probabilities) and measured
    /// (for completions' `text_offset`) as they go.
    private func tokenEvents() -> [Event] {
        var positions = Array(repeating: 0, count: generation.choices.count)
        var offsets = positions
        return generation.updates.map { update in
            let choice = update.choice
            let logprobs = streamLogprobs(update.token, position: positions[choice], offset: offsets[choice])
            positions[choice] += 1
            offsets[choice] += update.token.unicodeScalars.count
            let finish = update.isLast ? generation.finishReasons[choice] : nil
            let piece = streamChoice(choice, piece(of: update), finish: finish, logprobs: logprobs)
            return Event(step: update.step, text: Self.sse(.object(chunk(choices: [piece]))))
        }
    }

    private func piece(of update: Generation.Update) -> JSONValue {
        switch kind {
        case .chat:
            let field = update.isReasoning ? (reasoningField ?? .reasoning).rawValue : "content"
            return .object([field: .string(update.token)])
        case .text:
            return .string(update.token)
        }
    }

    private func streamLogprobs(_ token: String, position: Int, offset: Int) -> JSONValue {
        guard let logprobs else { return .null }
        switch kind {
        case .chat: return TokenLogprobs.chat([token], from: position, top: logprobs)
        case .text: return TokenLogprobs.completion([token], from: position, textOffset: offset, top: logprobs)
        }
    }

    private func wholeLogprobs(of choice: Int) -> JSONValue {
        guard let logprobs else { return .null }
        switch kind {
        case .chat: return TokenLogprobs.chat(generation.reasoning[choice] + generation.choices[choice], from: 0, top: logprobs)
        case .text: return TokenLogprobs.completion(generation.choices[choice], from: 0, textOffset: 0, top: logprobs)
        }
    }

    /// A chat message: content null when thinking used up every token, and the thinking under
    /// the reasoning field when the server has a reasoning parser.
    private func message(of choice: Int) -> JSONValue {
        let content = generation.choices[choice]
        let thought = generation.reasoning[choice]
        var fields: [String: JSONValue] = [
            "role": .string("assistant"), "content": content.isEmpty && !thought.isEmpty ? .null : .string(content.joined()),
            "tool_calls": .array([]),
        ]
        if let reasoningField { fields[reasoningField.rawValue] = thought.isEmpty ? .null : .string(thought.joined()) }
        return .object(fields)
    }

    private func chunk(choices: [JSONValue]) -> [String: JSONValue] {
        var object = envelope(object: kind == .chat ? "chat.completion.chunk" : "text_completion")
        object["choices"] = .array(choices)
        return object
    }

    /// A streamed choice: `delta` for chat, `text` for completions.
    private func streamChoice(_ choice: Int, _ piece: JSONValue, finish: String?, logprobs: JSONValue) -> JSONValue {
        var fields: [String: JSONValue] = [
            "index": .number(Double(choice)), "logprobs": logprobs, "finish_reason": finish.map(JSONValue.string) ?? .null,
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
        "data: " + value.encodedText + "\n\n"
    }
}
