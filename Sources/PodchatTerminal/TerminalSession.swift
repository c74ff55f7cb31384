import CSignalPipe
import Glibc
import PodchatApp
import PodchatCore

/// The user's terminal for one chat window, as the ``LoopDriver`` uses it: ncurses for the
/// screen and the keys, and one `poll(2)` on stdin, the ``Mailbox``'s pipe and timer and the
/// signal pipe, so keyboard input, background events and signals meet on the loop's thread.
/// Nothing else calls ncurses.
package final class TerminalSession: TerminalDevice {
    private let terminal: Terminal
    private let mailbox: Mailbox
    private let signals: SignalPipe
    private let environment: [String: String]

    private init(terminal: Terminal, mailbox: Mailbox, environment: [String: String]) {
        self.terminal = terminal
        self.mailbox = mailbox
        self.environment = environment
        // After ncurses has installed its handlers, which this chains or replaces.
        signals = SignalPipe(signals: SignalPipe.terminating + [SIGWINCH])
    }

    /// Takes over the terminal for `body` and gives it back as it was when `body` returns or
    /// throws; a crash in between puts the terminal's settings back too.
    /// - Parameters:
    ///   - usesMouse: whether the wheel and clicks go to podchat (then Shift selects text).
    ///   - mailbox: where background tasks post events; each batch carries what they posted.
    /// - Throws: why the terminal cannot show the chat window (not a terminal, `TERM=dumb`, no
    ///   UTF-8 locale), with the reason for the user.
    package static func run<Result>(
        environment: [String: String], usesMouse: Bool, mailbox: Mailbox, _ body: (TerminalSession) throws -> Result
    ) throws -> Result {
        // Before ncurses changes the terminal: a crash puts these settings back.
        let isGuarded = CSignalPipe_guardTerminal(STDIN_FILENO) == 0
        defer { if isGuarded { CSignalPipe_unguardTerminal() } }
        let terminal = try Terminal(environment: environment, mouse: usesMouse)
        defer { terminal.close() }
        return try body(TerminalSession(terminal: terminal, mailbox: mailbox, environment: environment))
    }

    package var size: Size { terminal.size }

    package func nextEvents(waitingAtMost timeout: Duration?) -> [Event] {
        let ready = waitForInput(timeout: timeout)
        let signalled = ready.hasSignal ? signals.drain() : []
        // ncurses is asked for keys only when there are bytes to read or a signal came (a
        // resize is a key it makes): asking costs a poll and two sigactions, on every token a
        // reply streams. Each ask reads everything, so nothing waits inside ncurses meanwhile.
        var events = ready.hasInput || !signalled.isEmpty ? terminal.pendingEvents() : []
        if ready.isTerminalGone || signalled.contains(where: SignalPipe.terminating.contains) {
            events.append(.terminationRequested)
        }
        return events + mailbox.drain(pipeIsReadable: ready.hasPost, timerFired: ready.hasTimedPost)
    }

    package func draw(_ screen: Screen) {
        terminal.draw(screen)
        mailbox.framed()
    }

    package func copyToClipboard(_ text: String) {
        terminal.copyToClipboard(text)
    }

    package func editExternally(_ text: String) -> Event {
        terminal.whileSuspended { ExternalEditor.edit(text, environment: environment) }
    }

    /// What woke the loop; each pipe and the timer are read only when `poll` flags them.
    private struct Readiness {
        var hasInput = false
        var isTerminalGone = false
        var hasSignal = false
        /// The mailbox's pipe: an event to show at once.
        var hasPost = false
        /// The mailbox's timer: streamed text whose frame pace has ended.
        var hasTimedPost = false
    }

    /// Sleeps until input, an event, a signal or `timeout`.
    private func waitForInput(timeout: Duration?) -> Readiness {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mailbox.timerDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        guard poll(&descriptors, nfds_t(descriptors.count), Self.pollMilliseconds(timeout)) > 0 else { return Readiness() }
        func isReadable(_ index: Int) -> Bool { descriptors[index].revents & Int16(POLLIN) != 0 }
        return Readiness(
            hasInput: isReadable(0), isTerminalGone: descriptors[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0,
            hasSignal: isReadable(2), hasPost: isReadable(1), hasTimedPost: isReadable(3))
    }

    /// `poll`'s timeout: -1 for none; otherwise a millisecond more than `timeout`'s whole
    /// milliseconds, so the loop never wakes just before the time it waits for.
    private static func pollMilliseconds(_ timeout: Duration?) -> Int32 {
        guard let timeout else { return -1 }
        return timeout > .zero ? Int32(clamping: timeout.milliseconds + 1) : 0
    }
}
