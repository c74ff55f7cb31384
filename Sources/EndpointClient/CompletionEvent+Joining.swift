import PodchatCore

extension CompletionEvent {
    /// The choice a piece of text or its log probabilities belong to.
    var choice: Int? {
        switch self {
        case .delta(let choice, _), .reasoning(let choice, _), .logprobs(let choice, _): choice
        case .queued, .started, .replaced, .reasoningReplaced, .generation, .usage, .executionTime, .exchanges, .retrying, .finished: nil
        }
    }

    var isLogprobs: Bool {
        if case .logprobs = self { true } else { false }
    }

    /// Whether this is new text, thinking or answer: what shows the job is alive.
    var isText: Bool {
        switch self {
        case .delta, .reasoning: true
        case .queued, .started, .logprobs, .replaced, .reasoningReplaced, .generation, .usage, .executionTime, .exchanges, .retrying, .finished: false
        }
    }

    /// This event and `later` as one, when they are pieces of the same kind for the same choice.
    func joined(with later: CompletionEvent) -> CompletionEvent? {
        if case .delta(let choice, let text) = self, case .delta(choice, let more) = later {
            return .delta(choice: choice, text: text + more)
        }
        if case .reasoning(let choice, let text) = self, case .reasoning(choice, let more) = later {
            return .reasoning(choice: choice, text: text + more)
        }
        if case .logprobs(let choice, let tokens) = self, case .logprobs(choice, let more) = later {
            return .logprobs(choice: choice, tokens + more)
        }
        return nil
    }
}
