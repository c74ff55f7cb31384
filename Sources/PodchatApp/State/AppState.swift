import PodchatCore
import PodchatStorage

/// Everything the chat window is, as a plain value. ``handle(_:)`` is the whole behaviour of
/// the program: it applies one event and returns the effects to perform.
///
/// The state is made of parts that each own their data and its update, and this type routes
/// events to them and coordinates what spans several: the window (size, time, focus, notice,
/// help), the conversation (messages, title, values; the stored record), the reply tracker
/// (the request in flight and what the endpoint showed), the panel, the transcript viewport,
/// the input composer and the conversation browser (the picker). The routing is split by
/// concern over the `AppState+…` files.
package struct AppState: Sendable, Equatable {
    // Written only by `AppState`'s routing (its `+…` files), and only through each part's own
    // methods: every part's fields are `private(set)` to it.
    package internal(set) var window: WindowState
    package internal(set) var conversation: Conversation
    package internal(set) var reply: ReplyTracker
    package internal(set) var panel = PanelState()
    package internal(set) var viewport = TranscriptViewport()
    package internal(set) var composer = Composer()
    package internal(set) var browser = ConversationBrowser()

    /// - Parameters:
    ///   - seedStart: where "new seed each request" and conversation ids start drawing; the
    ///     program passes a random value, tests a fixed one.
    ///   - wallTimeAtStart: the wall time at `now`, in seconds since 1970.
    ///   - price: what the endpoint costs per GPU-second (`price_per_second`), to show costs.
    package init(
        endpointLabel: String,
        isDemo: Bool,
        size: Size,
        now: ContinuousClock.Instant,
        systemPrompt: String = "",
        mode: ConversationMode = .chat,
        parameters: SamplingParameters = SamplingParameters(),
        inputFormat: InputFormat = .native,
        seedStart: UInt64 = 0,
        wallTimeAtStart: Double = 0,
        price: GPUPrice? = nil
    ) {
        window = WindowState(endpointLabel: endpointLabel, isDemo: isDemo, size: size, now: now, wallTimeAtStart: wallTimeAtStart)
        let values = RequestValues(
            settings: RequestSettings(mode: mode, systemPrompt: systemPrompt, inputFormat: inputFormat), parameters: parameters)
        conversation = Conversation(
            endpoint: isDemo ? "demo" : endpointLabel, values: values, idSeed: ~seedStart, wallTime: wallTimeAtStart)
        reply = ReplyTracker(seedStart: seedStart, price: price)
    }

    /// The earliest time the loop must wake without input: elapsed-time displays and notices
    /// that expire. Nil when nothing on screen changes by itself, so an idle podchat sleeps.
    package var nextWakeUp: ContinuousClock.Instant? {
        let tick = reply.isBusy ? window.now.advanced(by: .milliseconds(250)) : nil
        return [tick, window.notice?.expiresAt].compactMap { $0 }.min()
    }

    /// What the conversation's replies cost, in every branch, in dollars: their execution
    /// time at the endpoint's price. Nil without a price or before any reply reported one.
    package var conversationCost: Double? {
        guard let price = reply.price else { return nil }
        let executed = conversation.tree.allMessages.compactMap(\.entry.executionMilliseconds)
        return executed.isEmpty ? nil : price.cost(executionMilliseconds: executed.reduce(0, +))
    }

    /// Whether podchat is done: the loop ends once this is true.
    package var isFinished: Bool { window.isFinished }

    /// Whether the panel is on screen: not hidden with F2, and the terminal wide enough.
    package var isPanelVisible: Bool {
        panel.isShown && window.size.width >= ScreenLayout.panelMinimumTerminalWidth
    }

    /// The reply being waited for, as its transcript entry shows it.
    package var activeReplyEntry: TranscriptEntry? {
        reply.active == nil ? nil : conversation.entries.last
    }

    /// Why the text being edited is not a valid value, or nil when Enter would set it.
    package var editProblem: String? {
        guard let editing = panel.editing else { return nil }
        return conversation.values.problem(with: editing.editor.text, for: editing.field)
    }

    /// Applies one event and returns the effects it calls for. Pure and synchronous.
    package mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .keyPressed(let key): return handleKey(key)
        case .pasted(let text): paste(text)
        case .mouse(let mouse): handleMouse(mouse)
        case .resized(let newSize): resize(to: newSize)
        case .clockTicked(let instant): return tick(instant)
        case .terminationRequested: return quit()
        case .externalEdit(let result): finishExternalEdit(result)
        case .reply(let id, .sent(let request)): record(request, for: id)
        case .reply(let id, .received(let event)): return receive(event, for: id)
        case .reply(let id, .failed(let failure)): return fail(id, failure)
        case .previewed(let preview): window.updateInspector { $0.receive(preview) }
        case .endpoint(.loadReported(let load)): reply.report(load)
        case .endpoint(.modelInfoReported(let info)): reply.learn(info)
        case .endpoint(.warmed(let failure)): finishWarming(failure)
        case .preset(let result): handlePresetResult(result)
        case .store(let result): return handleStoreResult(result)
        }
        return []
    }

    private mutating func tick(_ instant: ContinuousClock.Instant) -> [Effect] {
        window.tick(to: instant)
        let entry = activeReplyEntry
        let isQueued = entry?.jobID != nil && entry?.startedAt == nil
        return reply.checksLoad(now: instant, isQueued: isQueued) ? [.endpoint(.checkLoad)] : []
    }

    private mutating func resize(to newSize: Size) {
        window.resize(to: newSize)
        if !isPanelVisible { leavePanel() }
    }

    private mutating func finishExternalEdit(_ result: Event.ExternalEdit) {
        switch result {
        case .finished(let text): composer.replace(with: text)
        case .failed(let message): show(message, expiresIn: .seconds(8), isError: true)
        }
    }

    // MARK: - Focus

    mutating func cycleFocus(forward: Bool) {
        window.cycleFocus(forward: forward, panelIsVisible: isPanelVisible)
    }

    mutating func focusInput() -> [Effect] {
        window.focus(on: .input)
        return []
    }

    /// Called when the panel goes off screen: its keys and its in-place edit go with it.
    mutating func leavePanel() {
        window.leavePanel()
        panel.leave()
    }

    // MARK: - Quitting

    /// The first Ctrl-C cancels the reply (or warns); a second one soon after quits.
    mutating func interrupt() -> [Effect] {
        if window.interruptQuits() { return quit() }
        if reply.isBusy { return cancelReply() }
        show("Press Ctrl-C again to quit (or Ctrl-Q)", expiresIn: WindowState.quitConfirmationWindow)
        return []
    }

    /// Quitting saves the conversation; a reply still coming is stopped and saved as it is.
    mutating func quit() -> [Effect] {
        window.finish()
        return leaveConversation()
    }

    mutating func show(_ text: String, expiresIn lifetime: Duration?, isError: Bool = false) {
        window.show(text, expiresIn: lifetime, isError: isError)
    }
}
