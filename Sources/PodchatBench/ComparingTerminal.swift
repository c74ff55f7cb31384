import PodchatApp

/// The frame benchmark's terminal: of drawing, it does what the ncurses terminal does before
/// it copies rows out (finds the rows that differ from the last frame), and times that.
final class ComparingTerminal: TerminalDevice {
    let size: Size
    private(set) var lastFrame: Screen?
    /// The rows of the last frame that differ from the frame before.
    private(set) var changedRows = 0
    /// How long finding them took, in milliseconds.
    private(set) var comparing = 0.0

    init(size: Size) {
        self.size = size
    }

    /// The benchmark hands the loop its batches itself; a loop that waits here is ended.
    func nextEvents(waitingAtMost timeout: Duration?) -> [Event] {
        [.terminationRequested]
    }

    func draw(_ screen: Screen) {
        (changedRows, comparing) = Stopwatch.time {
            guard let previous = lastFrame else { return size.height }
            return (0..<size.height).count { !screen.row($0, matches: previous) }
        }
        lastFrame = screen
    }

    func copyToClipboard(_ text: String) {}

    func editExternally(_ text: String) -> Event {
        .externalEdit(.finished(text))
    }
}
