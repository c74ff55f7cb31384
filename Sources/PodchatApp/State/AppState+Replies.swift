import PodchatCore

/// Sending a message, following its reply, and picking among a reply's choices.
extension AppState {
    mutating func send() -> [Effect] {
        guard !composer.input.isBlank else { return [] }
        guard !reply.isBusy else {
            show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
            return []
        }
        if panel.sideA != nil { cancelSideB() }
        let text = Self.message(typed: composer.take())
        composer.remember(text)
        conversation.appendMessage(text, at: window.wallTime)
        viewport.dropCursor()
        return requestReply()
    }

    /// The message `typed` sends: `//` at the start sends one `/`, the way to write a message
    /// that starts with a slash.
    static func message(typed: String) -> String {
        typed.hasPrefix("//") ? String(typed.dropFirst()) : typed
    }

    /// Asks for a reply to the conversation as it stands, with the panel's values as they are,
    /// or (`/rerun`) with the parameters an earlier reply was sent with.
    mutating func requestReply(with recorded: SamplingParameters? = nil) -> [Effect] {
        // Cleared first: fitting the request to the context may leave a notice of its own.
        window.clearNotice()
        let request = nextRequest(with: recorded)
        let id = reply.start()
        conversation.appendReply(
            requestedAt: window.now, parameters: request.parameters, endpoint: endpoints.current.recordedName, at: window.wallTime)
        viewport.followNewestText()
        return [.completion(.start(id, request))]
    }

    /// The request for the conversation so far, with the panel's values as they are now (a
    /// seed is drawn here when the seed row says `each turn`), or with `recorded` ones as they
    /// were.
    mutating func nextRequest(with recorded: SamplingParameters?) -> CompletionRequest {
        var parameters = recorded ?? conversation.parameters
        if recorded == nil, conversation.values.seedChoice == .eachTurn { parameters.set(.seed, to: Double(reply.nextSeed())) }
        return request(with: parameters)
    }

    /// The request for the conversation so far with `parameters`. When the model's context
    /// length is known and the conversation plus `max_tokens` would not fit, the request gets a
    /// lower `max_tokens` or leaves the oldest turns out, and a notice says so; a re-run fits
    /// the same way, so it leaves out what its original did.
    mutating func request(with parameters: SamplingParameters) -> CompletionRequest {
        let settings = conversation.settings
        var requestParameters = parameters
        let messages = fitToContext(conversation.messages, parameters: &requestParameters)
        return CompletionRequest(
            messages: messages,
            mode: settings.mode,
            applyChatTemplate: settings.applyChatTemplate,
            parameters: requestParameters,
            stream: settings.stream,
            inputFormat: settings.inputFormat)
    }

    mutating func cancelReply() -> [Effect] {
        if reply.comparison?.isStreaming == true { return stopComparison() }
        guard let active = reply.active else { return [] }
        finishReply(.cancelled)
        show("Reply stopped", expiresIn: .seconds(3))
        return [.completion(.cancel(active.id))] + saveEffects()
    }

    /// Applies a piece of the reply; the end of a reply saves the conversation.
    mutating func receive(_ event: CompletionEvent, for id: RequestID) -> [Effect] {
        if let side = reply.comparison?.side(for: id) { return side.hasEnded ? [] : receive(event, for: side) }
        guard reply.accept(event, for: id, now: window.now) else { return [] }
        if case .finished(let reason) = event {
            finishReply(Self.status(for: reason))
            return saveEffects() + askForModelInfoOnce()
        }
        conversation.applyToReply(event, at: window.now)
        if case .delta(_, let text) = event, !text.isEmpty { viewport.noteNewText() }
        if case .reasoning(_, let text) = event, !text.isEmpty { viewport.noteNewText() }
        return []
    }

    static func status(for reason: FinishReason) -> TranscriptEntry.Status {
        switch reason {
        case .completed: .complete
        case .length: .truncated
        case .cancelled: .cancelled
        case .timedOut: .timedOut
        }
    }

    mutating func fail(_ id: RequestID, _ failure: CompletionFailure) -> [Effect] {
        guard reply.accept(failure, for: id) else { return [] }
        if let side = reply.comparison?.side(for: id) { return fail(side, failure) }
        finishReply(.failed(failure.message))
        show(failure.message, expiresIn: nil, isError: true)
        return saveEffects()
    }

    private mutating func finishReply(_ status: TranscriptEntry.Status) {
        conversation.finishReply(status, at: window.now, wallTime: window.wallTime)
        reply.end()
    }

    // MARK: - Choices

    /// The previous or next choice of the reply at `index` continues the conversation.
    mutating func cycleChosenChoice(at index: Int, by offset: Int) {
        let entry = conversation.entries[index]
        let count = entry.choices.count
        choose(number: (entry.chosenChoice + offset + count) % count + 1, at: index)
    }

    /// `/choose N`, counting from 1 as the labels do: of the reply at the cursor, else the last.
    mutating func choose(number: Int, at index: Int? = nil) {
        guard let target = index ?? choiceTarget, let count = conversation.choose(number - 1, at: target) else {
            let count = (index ?? choiceTarget).map { conversation.entries[$0].choices.count } ?? 0
            let which = viewport.cursor == nil ? "the last reply" : "the reply at the cursor"
            show("No choice \(number): \(which) has \(count)", expiresIn: .seconds(4), isError: true)
            return
        }
        show("choice \(number)/\(count) continues the conversation", expiresIn: .seconds(3))
    }

    private var choiceTarget: Int? {
        if let cursor = viewport.cursor, conversation.entries.indices.contains(cursor), conversation.entries[cursor].role == .assistant {
            return cursor
        }
        return conversation.entries.lastIndex { $0.role == .assistant }
    }
}
