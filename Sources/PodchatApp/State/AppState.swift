import PodchatCore

/// Everything the chat window is, as a plain value. ``handle(_:)`` is the whole behaviour of
/// the program: it applies one event and returns the effects to perform.
package struct AppState: Sendable, Equatable {
    /// How long a second Ctrl-C may follow the first to quit.
    package static let quitConfirmationWindow = Duration.seconds(2)

    package let endpointLabel: String
    /// Whether replies come from the built-in simulator.
    package let isDemo: Bool
    package private(set) var size: Size
    package private(set) var now: ContinuousClock.Instant
    package private(set) var systemPrompt: String
    package private(set) var mode: ConversationMode
    package private(set) var parameters: SamplingParameters
    package private(set) var entries: [TranscriptEntry] = []
    package private(set) var input = LineEditor()
    package private(set) var activeReply: ActiveReply?
    package private(set) var notice: Notice?
    /// Rows the transcript is scrolled up from the bottom; 0 follows new text.
    package private(set) var scrollOffset = 0
    package private(set) var showsPanel = true
    package private(set) var isFinished = false
    private var nextRequestNumber = 1
    private var lastInterruptAt: ContinuousClock.Instant?

    package init(
        endpointLabel: String,
        isDemo: Bool,
        size: Size,
        now: ContinuousClock.Instant,
        systemPrompt: String = "",
        mode: ConversationMode = .chat,
        parameters: SamplingParameters = SamplingParameters()
    ) {
        self.endpointLabel = endpointLabel
        self.isDemo = isDemo
        self.size = size
        self.now = now
        self.systemPrompt = systemPrompt
        self.mode = mode
        self.parameters = parameters
    }

    /// The earliest time the loop must wake without input: elapsed-time displays and notices
    /// that expire. Nil when nothing on screen changes by itself, so an idle podchat sleeps.
    package var nextWakeUp: ContinuousClock.Instant? {
        let tick = activeReply.map { _ in now.advanced(by: .milliseconds(250)) }
        return [tick, notice?.expiresAt].compactMap { $0 }.min()
    }

    /// Applies one event and returns the effects it calls for. Pure and synchronous.
    package mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .keyPressed(let key): return handleKey(key)
        case .resized(let newSize): size = newSize
        case .clockTicked(let instant): tick(instant)
        case .completionReceived(let id, let event): receive(event, for: id)
        case .completionFailed(let id, let message): fail(id, message: message)
        case .terminationRequested: return quit()
        }
        return []
    }

    private mutating func tick(_ instant: ContinuousClock.Instant) {
        now = instant
        if let expiry = notice?.expiresAt, expiry <= now { notice = nil }
    }

    // MARK: - Keys

    private mutating func handleKey(_ key: Key) -> [Effect] {
        if key != .control("c") { lastInterruptAt = nil }
        switch key {
        case .enter: return send()
        case .altEnter, .control("j"): input.insert("\n")
        case .character(let character): input.insert(String(character))
        case .backspace: input.deleteBackward()
        case .delete: input.deleteForward()
        case .left: input.moveLeft()
        case .right: input.moveRight()
        case .home, .control("a"): input.moveToLineStart()
        case .end, .control("e"): input.moveToLineEnd()
        case .control("u"): input.deleteToLineStart()
        case .pageUp: scrollOffset += pageRows
        case .pageDown: scrollOffset = max(0, scrollOffset - pageRows)
        case .function(2): showsPanel.toggle()
        case .escape: return cancelReply()
        case .control("c"): return interrupt()
        case .control("q"): return quit()
        default: break
        }
        return []
    }

    private var pageRows: Int {
        max(1, (ScreenLayout(size: size, inputRows: 1, showsPanel: false)?.transcript.height ?? 1) - 1)
    }

    /// The first Ctrl-C cancels the reply (or warns); a second one soon after quits.
    private mutating func interrupt() -> [Effect] {
        if let last = lastInterruptAt, now - last <= Self.quitConfirmationWindow {
            return quit()
        }
        lastInterruptAt = now
        if activeReply != nil { return cancelReply() }
        show("Press Ctrl-C again to quit (or Ctrl-Q)", expiresIn: Self.quitConfirmationWindow)
        return []
    }

    private mutating func quit() -> [Effect] {
        isFinished = true
        return cancelReply()
    }

    // MARK: - Replies

    private mutating func send() -> [Effect] {
        guard !input.isBlank else { return [] }
        guard activeReply == nil else {
            show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
            return []
        }
        entries.append(TranscriptEntry(role: .user, text: input.take()))
        let request = CompletionRequest(messages: conversationMessages, mode: mode, parameters: parameters)
        let id = RequestID(nextRequestNumber)
        nextRequestNumber += 1
        var reply = TranscriptEntry(role: .assistant, text: "", status: .streaming)
        reply.requestedAt = now
        entries.append(reply)
        activeReply = ActiveReply(id: id, requestedAt: now)
        scrollOffset = 0
        notice = nil
        return [.startCompletion(id, request)]
    }

    /// What the next request carries: the system prompt, then every message with text.
    private var conversationMessages: [Message] {
        let system = systemPrompt.isEmpty ? [] : [Message(role: .system, content: systemPrompt)]
        return system + entries.compactMap(\.message)
    }

    private mutating func cancelReply() -> [Effect] {
        guard let reply = activeReply else { return [] }
        finishReply(status: .cancelled)
        show("Reply stopped", expiresIn: .seconds(3))
        return [.cancelCompletion(reply.id)]
    }

    private mutating func receive(_ event: CompletionEvent, for id: RequestID) {
        guard var reply = activeReply, reply.id == id else { return }
        reply.retry = nil
        switch event {
        case .queued(let jobID):
            reply.jobID = jobID
            updateReplyEntry { $0.jobID = jobID }
        case .started:
            reply.startedAt = reply.startedAt ?? now
        case .delta(let choice, let text):
            guard choice == 0, !text.isEmpty else { break }
            reply.startedAt = reply.startedAt ?? now
            reply.firstTokenAt = reply.firstTokenAt ?? now
            let instant = now
            updateReplyEntry {
                $0.text += text
                $0.firstTokenAt = $0.firstTokenAt ?? instant
            }
        case .usage(let usage):
            updateReplyEntry { $0.usage = usage }
        case .retrying(let reason, let delay):
            reply.retry = PendingRetry(reason: reason, at: now.advanced(by: delay))
        case .finished(let reason):
            activeReply = reply
            finishReply(status: status(for: reason))
            return
        }
        activeReply = reply
    }

    private func status(for reason: FinishReason) -> TranscriptEntry.Status {
        switch reason {
        case .completed: return .complete
        case .length: return .truncated
        case .cancelled: return .cancelled
        case .timedOut: return .timedOut
        }
    }

    private mutating func fail(_ id: RequestID, message: String) {
        guard activeReply?.id == id else { return }
        finishReply(status: .failed(message))
        show(message, expiresIn: nil, isError: true)
    }

    private mutating func finishReply(status: TranscriptEntry.Status) {
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

    private mutating func show(_ text: String, expiresIn lifetime: Duration?, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, expiresAt: lifetime.map { now.advanced(by: $0) })
    }
}
