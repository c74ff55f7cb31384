import PodchatCore

/// The window around everything else: its size, the time, which area has the keys, the status
/// bar's notice, the help overlay, a pending two-key prefix, and whether podchat is ending.
package struct WindowState: Sendable, Equatable {
    /// How long a second Ctrl-C may follow the first to quit.
    package static let quitConfirmationWindow = Duration.seconds(2)

    package private(set) var size: Size
    package private(set) var now: ContinuousClock.Instant
    package private(set) var focus = Focus.input
    package private(set) var notice: Notice?
    /// The help overlay (F1, `/help`) while it is open: how far it is scrolled.
    package private(set) var helpScroll: Int?
    /// The request inspector (F6, `/request`) while it is open.
    package private(set) var inspector: RequestInspector?
    /// A key that starts a two-key binding (Ctrl-X), waiting for the second key.
    package private(set) var pendingPrefix: Key?
    package private(set) var isFinished = false
    private var lastInterruptAt: ContinuousClock.Instant?
    /// Wall time is the start's wall time plus the monotonic time since: the state never reads
    /// a wall clock, and tests give both.
    private let wallTimeAtStart: Double
    private let startedAt: ContinuousClock.Instant

    init(size: Size, now: ContinuousClock.Instant, wallTimeAtStart: Double) {
        self.size = size
        self.now = now
        self.wallTimeAtStart = wallTimeAtStart
        startedAt = now
    }

    /// The wall time now, in seconds since 1970.
    package var wallTime: Double { wallTimeAtStart + (now - startedAt).seconds }

    mutating func resize(to newSize: Size) {
        size = newSize
    }

    /// Moves the clock; a notice whose time is up goes.
    mutating func tick(to instant: ContinuousClock.Instant) {
        now = instant
        if let expiry = notice?.expiresAt, expiry <= now { notice = nil }
    }

    mutating func show(_ text: String, expiresIn lifetime: Duration?, isError: Bool = false) {
        notice = Notice(text: text, isError: isError, expiresAt: lifetime.map { now.advanced(by: $0) })
    }

    mutating func clearNotice() {
        notice = nil
    }

    mutating func focus(on area: Focus) {
        focus = area
    }

    /// Tab's order, input → panel → transcript, skipping the panel when it is not on screen.
    mutating func cycleFocus(forward: Bool, panelIsVisible: Bool) {
        let order = Focus.allCases.filter { $0 != .panel || panelIsVisible }
        let index = order.firstIndex(of: focus) ?? 0
        focus = order[(index + (forward ? 1 : order.count - 1)) % order.count]
    }

    /// The panel went off screen: its keys go back to the input.
    mutating func leavePanel() {
        if focus == .panel { focus = .input }
    }

    mutating func hold(prefix key: Key) {
        pendingPrefix = key
    }

    /// The waiting prefix key, which the key after it uses up.
    mutating func takePrefix() -> Key? {
        defer { pendingPrefix = nil }
        return pendingPrefix
    }

    mutating func openHelp() {
        helpScroll = 0
    }

    mutating func closeHelp() {
        helpScroll = nil
    }

    /// Scrolls the help by `rows`, keeping its `lineCount` lines on screen.
    mutating func scrollHelp(by rows: Int, lineCount: Int) {
        guard let current = helpScroll else { return }
        let visible = max(1, size.height - 3)
        helpScroll = max(0, min(current + rows, lineCount - visible))
    }

    mutating func scrollHelpToTop() {
        if helpScroll != nil { helpScroll = 0 }
    }

    mutating func openInspector(_ opened: RequestInspector) {
        inspector = opened
    }

    mutating func closeInspector() {
        inspector = nil
    }

    /// Changes the open inspector; nothing when it is closed (a late answer, say).
    mutating func updateInspector(_ change: (inout RequestInspector) -> Void) {
        guard var open = inspector else { return }
        change(&open)
        inspector = open
    }

    /// A Ctrl-C: true when it follows another soon enough to quit.
    mutating func interruptQuits() -> Bool {
        if let last = lastInterruptAt, now - last <= Self.quitConfirmationWindow { return true }
        lastInterruptAt = now
        return false
    }

    /// Any key but Ctrl-C: a later Ctrl-C starts over.
    mutating func forgetInterrupt() {
        lastInterruptAt = nil
    }

    mutating func finish() {
        isFinished = true
    }
}
