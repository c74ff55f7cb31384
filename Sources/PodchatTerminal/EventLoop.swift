import CSignalPipe
import Glibc
import PodchatApp
import PodchatCore

/// Owns the terminal and the app state until the user quits.
///
/// Keyboard input, background events and signals meet in one `poll(2)` on this thread: stdin,
/// the mailbox's pipe and the signal pipe. Each wake-up drains everything that is ready, applies
/// it to the state, performs the effects, and draws once, so a burst of tokens is one frame.
/// Nothing else calls ncurses and nothing else touches the state.
package final class EventLoop {
    private let clock = ContinuousClock()
    private var state: AppState
    private let mailbox = Mailbox()
    private let environment: [String: String]
    private let usesMouse: Bool
    /// Laid-out messages kept between frames, so a frame's cost does not grow with the chat.
    private let transcriptCache = TranscriptCache()

    /// - Parameters:
    ///   - usesMouse: whether the wheel and clicks go to podchat (then Shift selects text).
    ///   - makeState: builds the initial state for the terminal's size and the time now.
    package init(environment: [String: String], usesMouse: Bool = true, makeState: (Size, ContinuousClock.Instant) -> AppState) {
        self.environment = environment
        self.usesMouse = usesMouse
        state = makeState(Size(width: 80, height: 24), ContinuousClock.now)
    }

    /// Delivers an event to the loop from any thread.
    package var post: @Sendable (Event) -> Void {
        { [mailbox] event in mailbox.post(event) }
    }

    /// Runs until the user quits or a terminating signal arrives, performing effects with
    /// `perform`. The terminal is restored before this returns or throws.
    package func run(perform: (Effect) -> Void) throws {
        let terminal: Terminal
        // Before ncurses changes the terminal: a crash puts these settings back.
        let isGuarded = CSignalPipe_guardTerminal(STDIN_FILENO) == 0
        do {
            terminal = try Terminal(environment: environment, mouse: usesMouse)
        } catch {
            if isGuarded { CSignalPipe_unguardTerminal() }
            throw LoopError(message: error.description)
        }
        defer {
            terminal.close()
            if isGuarded { CSignalPipe_unguardTerminal() }
        }
        let signals = SignalPipe(signals: SignalPipe.terminating + [SIGWINCH])
        apply([.resized(terminal.size), .clockTicked(clock.now)], terminal: terminal, perform: perform)
        terminal.draw(AppView.render(state, cache: transcriptCache))
        while !state.isFinished {
            let terminalGone = waitForInput(signals: signals)
            var events: [Event] = [.clockTicked(clock.now)]
            events += terminal.pendingEvents()
            if terminalGone || signals.drain().contains(where: SignalPipe.terminating.contains) {
                events.append(.terminationRequested)
            }
            events += mailbox.drain()
            apply(events, terminal: terminal, perform: perform)
            terminal.draw(AppView.render(state, cache: transcriptCache))
        }
    }

    /// Applies `events`; the terminal's own effects (clipboard, editor) happen here, the rest
    /// go to `perform`.
    private func apply(_ events: [Event], terminal: Terminal, perform: (Effect) -> Void) {
        var pending = events[...]
        while let event = pending.popFirst() {
            for effect in state.handle(event) {
                switch effect {
                case .terminal(.copyToClipboard(let text)): terminal.copyToClipboard(text)
                case .terminal(.editExternally(let text)):
                    pending.append(terminal.whileSuspended { ExternalEditor.edit(text, environment: environment) })
                    pending.append(.resized(terminal.size))
                case .completion, .endpoint, .preset, .storage: perform(effect)
                }
            }
        }
    }

    /// Sleeps until input, an event, a signal or the state's next wake-up. Returns true when the
    /// terminal has hung up.
    private func waitForInput(signals: SignalPipe) -> Bool {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        return ready > 0 && descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private var timeoutMilliseconds: Int32 {
        guard let wakeUp = state.nextWakeUp else { return -1 }
        return Int32(clamping: max(0, clock.now.duration(to: wakeUp).milliseconds + 1))
    }
}

/// The event loop could not start, with the reason for the user.
package struct LoopError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
