/// The chat window's event loop, whatever the terminal: the program runs it on ncurses, tests
/// on a scripted terminal, benchmarks on a measuring one, so all three run the same loop.
///
/// It owns the state and the laid-out transcript. Each batch of events the terminal delivers
/// starts with the time now and is applied in order; the terminal does its own effects (the
/// clipboard, the editor), `perform` gets the rest, and the batch is drawn once, so a burst of
/// 50 chunks is one frame. Between batches it sleeps in the terminal until the state's next
/// wake-up. Use it from one thread; copies share the terminal and the caches of drawn parts, so
/// keep to one.
package struct LoopDriver {
    package private(set) var state: AppState
    private let terminal: any TerminalDevice
    private let perform: (Effect) -> Void
    private let now: () -> ContinuousClock.Instant
    /// Laid-out messages kept between frames, so a frame's cost does not grow with the chat.
    private let transcriptCache = TranscriptCache()
    /// The sampling panel's cells, kept while nothing it shows changes (every streamed token).
    private let panelCache = PanelCache()

    /// - Parameters:
    ///   - perform: does every effect that is not the terminal's own; it must return at once
    ///     (slow work goes to a background task, which posts its result).
    ///   - now: the clock each batch's `clockTicked` reads; tests pass a fixed one.
    package init(
        state: AppState, terminal: any TerminalDevice, perform: @escaping (Effect) -> Void,
        now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.state = state
        self.terminal = terminal
        self.perform = perform
        self.now = now
    }

    /// The first frame: the state takes the terminal's size and the time now.
    package mutating func start() {
        process([.resized(terminal.size), .clockTicked(now())])
    }

    /// Waits for each batch and processes it, until the state is finished (the user quit, or a
    /// signal or hang-up ended podchat) or `isDone`, asked after each batch, says to stop.
    package mutating func run(until isDone: (AppState) -> Bool = { _ in false }) {
        while !state.isFinished {
            let batch = terminal.nextEvents(waitingAtMost: wakeUpTimeout)
            process([.clockTicked(now())] + batch)
            if isDone(state) { return }
        }
    }

    /// How long the loop may sleep without input: until the state's next wake-up (an elapsed
    /// time to redraw, a notice to expire), or for as long as it takes when there is none.
    package var wakeUpTimeout: Duration? {
        state.nextWakeUp.map { max(.zero, now().duration(to: $0)) }
    }

    /// Applies `batch`, then draws once.
    /// - Returns: every effect the batch called for, the terminal's own included.
    @discardableResult
    package mutating func process(_ batch: [Event]) -> [Effect] {
        let effects = apply(batch)
        draw()
        return effects
    }

    /// Applies `batch` in order without drawing; events an effect yields (the editor's text)
    /// join the end of the batch.
    /// - Returns: every effect the batch called for, the terminal's own included.
    @discardableResult
    package mutating func apply(_ batch: [Event]) -> [Effect] {
        var pending = batch[...]
        var effects: [Effect] = []
        while let event = pending.popFirst() {
            for effect in state.handle(event) {
                effects.append(effect)
                if !doOnTerminal(effect, yielding: &pending) { perform(effect) }
            }
        }
        return effects
    }

    /// Draws the state as it is.
    package func draw() {
        terminal.draw(AppView.render(state, cache: transcriptCache, panelCache: panelCache))
    }

    /// Has the terminal do `effect` if it is the terminal's own, and says whether it was: the
    /// one place that tells the terminal's effects from the rest. The editor's answer, and the
    /// size it left the terminal at, join `pending`.
    private func doOnTerminal(_ effect: Effect, yielding pending: inout ArraySlice<Event>) -> Bool {
        switch effect {
        case .terminal(.copyToClipboard(let text)):
            terminal.copyToClipboard(text)
        case .terminal(.editExternally(let text)):
            pending += [terminal.editExternally(text), .resized(terminal.size)]
        case .completion, .endpoint, .preset, .storage:
            return false
        }
        return true
    }
}
