import PodchatCore

/// Sending a message, following its reply, and picking among a reply's choices.
extension AppState {
    mutating func send() -> [Effect] {
        guard !input.isBlank else { return [] }
        guard activeReply == nil else {
            show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
            return []
        }
        if entries.isEmpty { createdAt = wallTime }
        let typed = input.take()
        // `//` at the start sends one `/`: the way to write a message that starts with a slash.
        var message = TranscriptEntry(role: .user, text: typed.hasPrefix("//") ? String(typed.dropFirst()) : typed)
        message.time = wallTime
        history.record(message.text)
        if title.isEmpty { title = Self.title(from: message.text) }
        entries.append(message)
        return requestReply()
    }

    /// Asks for a reply to the conversation as it stands, with the panel's values as they are.
    mutating func requestReply() -> [Effect] {
        // Cleared first: fitting the request to the context may leave a notice of its own.
        notice = nil
        let request = nextRequest()
        let id = RequestID(nextRequestNumber)
        nextRequestNumber += 1
        var reply = TranscriptEntry(role: .assistant, text: "", status: .streaming)
        reply.requestedAt = now
        reply.parameters = request.parameters
        reply.time = wallTime
        updatedAt = wallTime
        entries.append(reply)
        activeReply = ActiveReply(id: id, requestedAt: now)
        followNewestText()
        return [.startCompletion(id, request)]
    }

    /// The request for the conversation so far, with the panel's values as they are now; a
    /// seed is drawn here when the panel asks for a new one each request. When the model's
    /// context length is known and the conversation plus `max_tokens` would not fit, this
    /// request gets a lower `max_tokens` or leaves the oldest turns out, and a notice says so.
    private mutating func nextRequest() -> CompletionRequest {
        var requestParameters = parameters
        if settings.newSeedEachRequest { requestParameters.set(.seed, to: Double(seeds.next())) }
        let messages = fitToContext(conversationMessages, parameters: &requestParameters)
        return CompletionRequest(
            messages: messages,
            mode: settings.mode,
            applyChatTemplate: settings.applyChatTemplate,
            parameters: requestParameters,
            stream: settings.stream,
            inputFormat: settings.inputFormat)
    }

    /// What the next request carries: the system prompt, then every message with text (of a
    /// reply with several choices, the chosen one).
    private var conversationMessages: [Message] {
        let system = settings.systemPrompt.isEmpty ? [] : [Message(role: .system, content: settings.systemPrompt)]
        return system + entries.compactMap(\.message)
    }

    mutating func cancelReply() -> [Effect] {
        guard let reply = activeReply else { return [] }
        finishReply(status: .cancelled)
        show("Reply stopped", expiresIn: .seconds(3))
        return [.cancelCompletion(reply.id)] + saveEffects()
    }

    /// Applies a piece of the reply; the end of a reply saves the conversation.
    mutating func receive(_ event: CompletionEvent, for id: RequestID) -> [Effect] {
        guard var reply = activeReply, reply.id == id else { return [] }
        reply.retry = nil
        switch event {
        case .queued(let jobID):
            reply.jobID = jobID
            updateReplyEntry { $0.jobID = jobID }
        case .started:
            reply.startedAt = reply.startedAt ?? now
            let instant = now
            updateReplyEntry { $0.startedAt = $0.startedAt ?? instant }
        case .delta(let choice, let text):
            guard !text.isEmpty else { break }
            receiveText(into: &reply, isAnswer: true) { $0.append(text, toChoice: choice) }
        case .replaced(let choice, let text):
            updateReplyEntry {
                $0.replace(choice: choice, with: text)
                $0.wasRepaired = true
            }
        case .reasoning(let choice, let text):
            guard !text.isEmpty else { break }
            receiveText(into: &reply, isAnswer: false) { $0.appendReasoning(text, toChoice: choice) }
        case .reasoningReplaced(let choice, let text):
            updateReplyEntry {
                $0.replaceReasoning(choice: choice, with: text)
                $0.wasRepaired = true
            }
        case .logprobs(let choice, let tokens):
            updateReplyEntry { $0.appendLogprobs(tokens, toChoice: choice) }
        case .generation(let generation):
            workerGeneration = generation
            updateReplyEntry { $0.workerGeneration = generation }
        case .usage(let usage):
            updateReplyEntry { $0.usage = usage }
        case .retrying(let reason, let delay):
            reply.retry = PendingRetry(reason: reason, at: now.advanced(by: delay))
        case .finished(let reason):
            activeReply = reply
            finishReply(status: status(for: reason))
            return saveEffects() + askForModelInfoOnce()
        }
        activeReply = reply
        return []
    }

    /// Adds new text (answer or thinking) with `add`: the reply has started and has its first
    /// token, and an answer ends the thinking.
    private mutating func receiveText(into reply: inout ActiveReply, isAnswer: Bool, _ add: (inout TranscriptEntry) -> Void) {
        reply.startedAt = reply.startedAt ?? now
        reply.firstTokenAt = reply.firstTokenAt ?? now
        let instant = now
        updateReplyEntry {
            add(&$0)
            $0.startedAt = $0.startedAt ?? instant
            $0.firstTokenAt = $0.firstTokenAt ?? instant
            if isAnswer { $0.firstAnswerAt = $0.firstAnswerAt ?? instant }
        }
        if case .anchored = scroll { hasUnseenText = true }
    }

    private func status(for reason: FinishReason) -> TranscriptEntry.Status {
        switch reason {
        case .completed: return .complete
        case .length: return .truncated
        case .cancelled: return .cancelled
        case .timedOut: return .timedOut
        }
    }

    mutating func fail(_ id: RequestID, _ failure: CompletionFailure) -> [Effect] {
        guard activeReply?.id == id else { return [] }
        if let overflow = failure.contextOverflow { reportedContextLength = overflow.contextLength }
        finishReply(status: .failed(failure.message))
        show(failure.message, expiresIn: nil, isError: true)
        return saveEffects()
    }

    private mutating func finishReply(status: TranscriptEntry.Status) {
        updatedAt = wallTime
        let instant = now
        updateReplyEntry {
            $0.status = status
            $0.finishedAt = instant
        }
        activeReply = nil
    }

    private mutating func updateReplyEntry(_ change: (inout TranscriptEntry) -> Void) {
        guard let index = entries.lastIndex(where: { $0.role == .assistant }) else { return }
        change(&entries[index])
    }

    // MARK: - Choices

    /// `[` and `]`: the previous or next choice of the last reply continues the conversation.
    mutating func cycleChosenChoice(by offset: Int) {
        guard let index = entries.lastIndex(where: { $0.role == .assistant }), entries[index].choices.count > 1 else {
            show("The last reply has one choice; set n above 1 for several", expiresIn: .seconds(3))
            return
        }
        let count = entries[index].choices.count
        choose((entries[index].chosenChoice + offset + count) % count, inEntry: index)
    }

    /// `/choose N`, counting from 1 as the labels do.
    mutating func choose(number: Int) {
        guard let index = entries.lastIndex(where: { $0.role == .assistant }),
            entries[index].choices.indices.contains(number - 1)
        else {
            let count = entries.last(where: { $0.role == .assistant })?.choices.count ?? 0
            show("No choice \(number): the last reply has \(count)", expiresIn: .seconds(4), isError: true)
            return
        }
        choose(number - 1, inEntry: index)
    }

    private mutating func choose(_ choice: Int, inEntry index: Int) {
        entries[index].chosenChoice = choice
        show("choice \(choice + 1)/\(entries[index].choices.count) continues the conversation", expiresIn: .seconds(3))
    }
}
