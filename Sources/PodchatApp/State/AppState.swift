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
    package internal(set) var endpoints: EndpointState

    /// - Parameters:
    ///   - seedStart: where "new seed each request" and conversation ids start drawing; the
    ///     program passes a random value, tests a fixed one.
    ///   - wallTimeAtStart: the wall time at `now`, in seconds since 1970.
    ///   - endpoint: where requests go first; its input format is the conversation's.
    ///   - endpointNames: the config's named endpoints, which `/endpoint` switches between.
    ///   - prices: each named endpoint's price by name, to cost replies from any of them.
    package init(
        endpoint: EndpointIdentity,
        endpointNames: [String] = [],
        prices: [String: GPUPrice] = [:],
        size: Size,
        now: ContinuousClock.Instant,
        systemPrompt: String = "",
        mode: ConversationMode = .chat,
        parameters: SamplingParameters = SamplingParameters(),
        seedStart: UInt64 = 0,
        wallTimeAtStart: Double = 0
    ) {
        window = WindowState(size: size, now: now, wallTimeAtStart: wallTimeAtStart)
        endpoints = EndpointState(current: endpoint, names: endpointNames, prices: prices)
        let settings = RequestSettings(mode: mode, systemPrompt: systemPrompt, inputFormat: endpoint.inputFormat)
        let values = RequestValues(settings: settings, parameters: parameters)
        conversation = Conversation(endpoint: endpoint.recordedName, values: values, idSeed: ~seedStart, wallTime: wallTimeAtStart)
        reply = ReplyTracker(seedStart: seedStart)
    }

    /// The earliest time the loop must wake without input: elapsed-time displays and notices
    /// that expire. Nil when nothing on screen changes by itself, so an idle podchat sleeps.
    package var nextWakeUp: ContinuousClock.Instant? {
        let tick = reply.isBusy ? window.now.advanced(by: .milliseconds(250)) : nil
        return [tick, window.notice?.expiresAt].compactMap { $0 }.min()
    }

    /// What the conversation's replies cost, in every branch, in dollars: each one's execution
    /// time at its own endpoint's price. Nil before any priced reply reported its time.
    package var conversationCost: Double? {
        let costs = conversation.tree.allMessages.compactMap { replyCost(of: $0.entry) }
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }

    /// What a reply cost, in dollars: its execution time at the price of the endpoint that
    /// wrote it. Nil when it reported no time or that endpoint has no known price.
    package func replyCost(of entry: TranscriptEntry) -> Double? {
        guard let executed = entry.executionMilliseconds, let price = endpoints.price(of: entry.endpoint ?? conversation.endpoint) else {
            return nil
        }
        return price.cost(executionMilliseconds: executed)
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
        let effects = route(event)
        // An endpoint opened while a reply streamed takes over once it has ended.
        return endpoints.ready == nil ? effects : effects + takeOverEndpoint()
    }

    private mutating func route(_ event: Event) -> [Effect] {
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
        case .endpoint(.opened(let opened)): return endpointOpened(opened)
        case .endpoint(.openFailed(let name, let message)): endpointFailed(name: name, message: message)
        case .preset(let result): handlePresetResult(result)
        case .store(let result): return handleStoreResult(result)
        }
        return []
    }

    private mutating func tick(_ instant: ContinuousClock.Instant) -> [Effect] {
        window.tick(to: instant)
        // Read in place: copying the whole entry was most of the cost of a clock tick.
        let entries = conversation.entries
        let isQueued =
            reply.active != nil && !entries.isEmpty && entries[entries.count - 1].jobID != nil && entries[entries.count - 1].startedAt == nil
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
