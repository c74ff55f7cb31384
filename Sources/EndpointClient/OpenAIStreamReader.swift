import PodchatCore

/// Turns an OpenAI completion response, streamed (SSE) or whole (JSON), into completion events.
///
/// Feed it the body's bytes as they arrive, split anywhere; it parses incrementally and reports
/// each event's text at once. The reply is complete at `data: [DONE]`, or, should the stream
/// end without it, once a `finish_reason` was seen. Text, thinking and log probabilities are
/// reported one event each per SSE event, so the events do not depend on how the network
/// split the bytes.
struct OpenAIStreamReader: Sendable {
    /// How the reply ended.
    enum End: Sendable {
        /// Complete; the events ended with `.finished`.
        case finished
        /// Failed with this failure, after the events.
        case failed(CompletionFailure)
    }

    /// The events one piece of input produced, and the end when it came with them.
    struct Step: Sendable {
        var events: [CompletionEvent] = []
        var end: End?
    }

    /// The last events of a reply, and how it ended.
    struct Ending: Sendable {
        var events: [CompletionEvent] = []
        var end: End
    }

    private let failures: OpenAIFailurePolicy
    private var parser = SSEParser()
    private var decoder = WorkerOutputDecoder()
    private var sawFinishReason = false
    /// Whether any text (thinking or answer) has been reported.
    private(set) var hasText = false

    init(failures: OpenAIFailurePolicy) {
        self.failures = failures
    }

    /// The events completed by `bytes`, the next piece of a streamed body.
    mutating func consume(_ bytes: [UInt8]) -> Step {
        var step = Step()
        for event in parser.consume(bytes) where step.end == nil {
            guard event.data != "[DONE]" else {
                step.end = finish(&step.events)
                break
            }
            report(event, into: &step)
        }
        return step
    }

    /// The end of a streamed body: the event still pending, then finished or cut short.
    mutating func end() -> Ending {
        var step = Step()
        for event in parser.finish() where event.data != "[DONE]" && step.end == nil {
            report(event, into: &step)
        }
        return ending(of: step, isComplete: sawFinishReason)
    }

    /// The events of a whole (non-streamed) response body.
    mutating func complete(_ body: [UInt8]) -> Ending {
        guard let response = try? JSONValue(parsing: body), response.objectValue != nil else {
            return Ending(end: .failed(CompletionFailure(failures.unexpectedBody(RunpodRequestError.excerpt(body)))))
        }
        var step = Step()
        report(response, into: &step)
        return ending(of: step, isComplete: true)
    }

    /// The failure for a connection that broke while the body was arriving.
    func interrupted(_ error: TransportError) -> CompletionFailure {
        CompletionFailure(failures.interrupted(error, afterText: hasText))
    }

    /// Reports one SSE event's chunk; anything but a JSON object is noise such as a proxy's
    /// keep-alive, since vLLM sends only objects.
    private mutating func report(_ event: SSEEvent, into step: inout Step) {
        guard let chunk = WorkerOutputDecoder.chunk(event.data), chunk.objectValue != nil else { return }
        report(chunk, into: &step)
    }

    private mutating func report(_ chunk: JSONValue, into step: inout Step) {
        for item in decoder.decode(chunk) {
            switch item {
            case .delta(let choice, let text):
                markText(&step)
                step.events.append(.delta(choice: choice, text: text))
            case .reasoning(let choice, let text):
                markText(&step)
                step.events.append(.reasoning(choice: choice, text: text))
            case .logprobs(let choice, let tokens):
                step.events.append(.logprobs(choice: choice, tokens))
            case .usage(let usage):
                step.events.append(.usage(usage))
            case .finished:
                sawFinishReason = true
            case .error(let message):
                step.end = .failed(failures.streamError(message))
                return
            case .malformed(let problem):
                step.end = .failed(CompletionFailure(failures.unusableAnswer(problem)))
                return
            }
        }
    }

    /// Notes that the reply has text, thinking or answer: it has started and cannot be sent again.
    private mutating func markText(_ step: inout Step) {
        if !hasText { step.events.append(.started) }
        hasText = true
    }

    /// `step` as the reply's last: failed if it failed, else finished when `isComplete`, else cut short.
    private func ending(of step: Step, isComplete: Bool) -> Ending {
        if let end = step.end { return Ending(events: step.events, end: end) }
        guard isComplete else { return Ending(events: step.events, end: .failed(CompletionFailure(failures.endedEarly(afterText: hasText)))) }
        var events = step.events
        let end = finish(&events)
        return Ending(events: events, end: end)
    }

    private func finish(_ events: inout [CompletionEvent]) -> End {
        events.append(.finished(decoder.finishReason(completionTokenLimit: nil)))
        return .finished
    }
}
