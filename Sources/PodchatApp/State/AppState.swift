import PodchatCore
import PodchatStorage

/// Everything the chat window is, as a plain value. ``handle(_:)`` is the whole behaviour of
/// the program: it applies one event and returns the effects to perform.
///
/// The behaviour is split by concern: replies (`AppState+Replies`), the side panel
/// (`AppState+Panel`, `AppState+Editing`), typed commands (`AppState+Commands`), presets
/// (`AppState+Presets`), the stored conversation (`AppState+Conversation`, its commands in
/// `AppState+ConversationCommands`) and the conversation picker (`AppState+Picker`).
package struct AppState: Sendable, Equatable {
    /// How long a second Ctrl-C may follow the first to quit.
    package static let quitConfirmationWindow = Duration.seconds(2)

    package let endpointLabel: String
    /// Whether replies come from the built-in simulator.
    package let isDemo: Bool
    package internal(set) var size: Size
    package internal(set) var now: ContinuousClock.Instant
    package internal(set) var settings: RequestSettings
    /// The sampling parameters the next request carries.
    package internal(set) var parameters: SamplingParameters
    /// What `r`, `R` and `/reset` go back to: the values podchat started with (the config's,
    /// else podchat's defaults), not necessarily the worker's.
    package let initialSettings: RequestSettings
    package let initialParameters: SamplingParameters
    package internal(set) var entries: [TranscriptEntry] = []
    package internal(set) var input = LineEditor()
    package internal(set) var focus = Focus.input
    /// The selected panel row: an index into ``PanelField/all``.
    package internal(set) var panelSelection = 0
    /// The field being edited as text, if any; it takes the keys until Enter or Esc.
    package internal(set) var editing: FieldEdit?
    package internal(set) var activeReply: ActiveReply?
    package internal(set) var notice: Notice?
    /// Where the transcript is scrolled to: following new text, or held where the user reads.
    package internal(set) var scroll = TranscriptScroll.following
    /// Text arrived below while the transcript was held: the "new text below" marker shows.
    package internal(set) var hasUnseenText = false
    /// Replies shown as the model wrote them instead of laid out as Markdown.
    package internal(set) var showsRawText = false
    /// Every reply's thinking shown in full; otherwise a reply that has begun its answer shows
    /// its thinking folded to one line.
    package internal(set) var showsThinking = false
    /// The worker generation the endpoint's output showed, once a reply revealed it.
    package internal(set) var workerGeneration: WorkerGeneration?
    /// The served model and its context length, once asked (after a first reply, while a
    /// worker is warm, so asking never wakes a scaled-to-zero endpoint by itself).
    package internal(set) var modelInfo: ModelInfo?
    /// A context length a refused request named, for servers whose model list does not say.
    var reportedContextLength: Int?
    var hasAskedForModelInfo = false
    package internal(set) var showsPanel = true
    package internal(set) var isFinished = false
    /// The endpoint's queue and worker counts, as last reported.
    package internal(set) var endpointLoad: EndpointLoad?
    /// When the load was last asked for; nil before the first tick.
    var loadCheckedAt: ContinuousClock.Instant?
    var seeds: SeedGenerator
    var nextRequestNumber = 1
    var lastInterruptAt: ContinuousClock.Instant?

    /// Wall time is the start's wall time plus the monotonic time since: `handle` never reads a
    /// wall clock, and tests give both.
    let wallTimeAtStart: Double
    let startedAt: ContinuousClock.Instant
    /// The conversation on screen: its id (also its file name), title and times, as stored.
    package internal(set) var conversationID: String
    /// Empty until the first message names it (or `/title`).
    package internal(set) var title = ""
    package internal(set) var createdAt: Double
    /// When a message, a reply or the title last changed; what the picker sorts by.
    package internal(set) var updatedAt: Double
    /// The help overlay (F1, `/help`) while it is open: how far it is scrolled.
    package internal(set) var helpScroll: Int?
    /// A key that starts a two-key binding (Ctrl-X), waiting for the second key.
    package internal(set) var pendingPrefix: Key?
    package internal(set) var history = InputHistory()
    /// The conversation picker (Ctrl-O) while it is open.
    package internal(set) var picker: ConversationPicker?
    /// The latest listing of stored conversations, for Tab after `/load `.
    var knownConversations: [ConversationSummary]?
    /// Tab after `/load ` came before any listing; completes when the listing arrives.
    var completesLoadWhenListed = false
    var conversationIDs: SeedGenerator

    /// - Parameters:
    ///   - seedStart: where "new seed each request" and conversation ids start drawing; the
    ///     program passes a random value, tests a fixed one.
    ///   - wallTimeAtStart: the wall time at `now`, in seconds since 1970.
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
        wallTimeAtStart: Double = 0
    ) {
        self.endpointLabel = endpointLabel
        self.isDemo = isDemo
        self.size = size
        self.now = now
        settings = RequestSettings(mode: mode, systemPrompt: systemPrompt, inputFormat: inputFormat)
        self.parameters = parameters
        initialSettings = settings
        initialParameters = parameters
        seeds = SeedGenerator(start: seedStart)
        self.wallTimeAtStart = wallTimeAtStart
        startedAt = now
        createdAt = wallTimeAtStart
        updatedAt = wallTimeAtStart
        // A stream of its own, so ids do not change which seeds replies get.
        conversationIDs = SeedGenerator(start: ~seedStart)
        conversationID = ""
        conversationID = nextConversationID()
    }

    /// The earliest time the loop must wake without input: elapsed-time displays and notices
    /// that expire. Nil when nothing on screen changes by itself, so an idle podchat sleeps.
    package var nextWakeUp: ContinuousClock.Instant? {
        let tick = activeReply.map { _ in now.advanced(by: .milliseconds(250)) }
        return [tick, notice?.expiresAt].compactMap { $0 }.min()
    }

    /// Whether the panel is on screen: not hidden with F2, and the terminal wide enough.
    package var isPanelVisible: Bool {
        showsPanel && size.width >= ScreenLayout.panelMinimumTerminalWidth
    }

    /// Applies one event and returns the effects it calls for. Pure and synchronous.
    package mutating func handle(_ event: Event) -> [Effect] {
        switch event {
        case .keyPressed(let key): return handleKey(key)
        case .pasted(let text): paste(text)
        case .mouse(let mouse): handleMouse(mouse)
        case .externalEditFinished(let text): input = LineEditor(text)
        case .externalEditFailed(let message): show(message, expiresIn: .seconds(8), isError: true)
        case .resized(let newSize): resize(to: newSize)
        case .clockTicked(let instant): return tick(instant)
        case .terminationRequested: return quit()
        case .presetSaved, .presetLoaded, .presetsListed, .presetFailed: handlePresetResult(event)
        case .loadReported(let load): endpointLoad = load
        case .completionReceived(let id, let event): return receive(event, for: id)
        case .completionFailed(let id, let failure): return fail(id, failure)
        case .modelInfoReported(let info): learn(info)
        case .conversationLoaded, .conversationPreviewLoaded, .conversationsListed, .conversationsFound, .conversationRenamed,
            .conversationDeleted, .conversationExported, .conversationStoreFailed:
            return handleConversationResult(event)
        }
        return []
    }

    /// How often the load is asked for while a reply waits in the queue.
    static let loadCheckInterval = Duration.seconds(5)

    private mutating func tick(_ instant: ContinuousClock.Instant) -> [Effect] {
        now = instant
        if let expiry = notice?.expiresAt, expiry <= now { notice = nil }
        return loadCheckDue ? checkLoad() : []
    }

    /// Once at start, then every few seconds while a reply waits for a worker: that is when
    /// the queue and the workers explain the wait (a cold start, a busy endpoint).
    private var loadCheckDue: Bool {
        guard let last = loadCheckedAt else { return true }
        guard let reply = activeReply, reply.jobID != nil, reply.startedAt == nil else { return false }
        return now - last >= Self.loadCheckInterval
    }

    private mutating func checkLoad() -> [Effect] {
        loadCheckedAt = now
        return [.checkLoad]
    }

    private mutating func resize(to newSize: Size) {
        size = newSize
        if !isPanelVisible { leavePanel() }
    }

    // MARK: - Focus

    /// Tab's order, input → panel → transcript, skipping the panel when it is not on screen.
    mutating func cycleFocus(forward: Bool) {
        let order = Focus.allCases.filter { $0 != .panel || isPanelVisible }
        let index = order.firstIndex(of: focus) ?? 0
        focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
    }

    mutating func focusInput() -> [Effect] {
        focus = .input
        return []
    }

    /// Called when the panel goes off screen: its keys and its in-place edit go with it.
    mutating func leavePanel() {
        if focus == .panel { focus = .input }
        if case .parameter = editing?.field { editing = nil }
    }

    // MARK: - Quitting

    /// The first Ctrl-C cancels the reply (or warns); a second one soon after quits.
    mutating func interrupt() -> [Effect] {
        if let last = lastInterruptAt, now - last <= Self.quitConfirmationWindow {
            return quit()
        }
        lastInterruptAt = now
        if activeReply != nil { return cancelReply() }
        show("Press Ctrl-C again to quit (or Ctrl-Q)", expiresIn: Self.quitConfirmationWindow)
        return []
    }

    /// Quitting saves the conversation; a reply still coming is stopped and saved as it is.
    mutating func quit() -> [Effect] {
        isFinished = true
        return leaveConversation()
    }

    mutating func show(_ text: String, expiresIn lifetime: Duration?, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, expiresAt: lifetime.map { now.advanced(by: $0) })
    }
}
