import CNcursesw
import Glibc
import PodchatApp

/// The terminal, through ncursesw: start-up and shut-down, drawing a ``Screen``, reading keys.
/// Only the event loop's thread may use it (Debian's ncurses is not thread-safe).
final class Terminal {
    /// Why the terminal could not be used.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    private let palette: Palette
    private var lastDrawn: Screen?

    /// Takes over the terminal: UTF-8 locale, raw keys, no echo, colours.
    init(environment: [String: String]) throws(Unavailable) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Unavailable(description: "podchat's chat window needs a terminal; for scripts use `podchat ask`")
        }
        if let term = environment["TERM"], term == "dumb" {
            throw Unavailable(description: "TERM=dumb cannot show podchat's chat window; use a real terminal or `podchat ask`")
        }
        guard TerminalText.useUTF8Locale() else {
            throw Unavailable(description: "no UTF-8 locale is available (LANG=\(environment["LANG"] ?? "")); install one (e.g. C.UTF-8) and set LANG")
        }
        guard newterm(nil, CNcursesw_stdout(), CNcursesw_stdin()) != nil else {
            throw Unavailable(description: "ncurses cannot drive TERM=\(environment["TERM"] ?? "(unset)")")
        }
        raw()
        noecho()
        nonl()
        keypad(CNcursesw_stdscr(), true)
        nodelay(CNcursesw_stdscr(), true)
        // Esc must not lag: ncurses waits this long to tell a lone Esc from an escape sequence.
        set_escdelay(25)
        var colors = ColorSupport.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            colors = ColorSupport.detect(colors: Int(CNcursesw_colors()), environment: environment)
        }
        palette = Palette(colors: colors)
    }

    /// Gives the terminal back as it was.
    func close() {
        endwin()
    }

    var size: Size {
        Size(width: Int(getmaxx(CNcursesw_stdscr())), height: Int(getmaxy(CNcursesw_stdscr())))
    }

    /// Copies `screen` to the terminal; rows equal to the last frame's are skipped (ncurses
    /// diffs too, but building its cells is the cost we avoid).
    func draw(_ screen: Screen) {
        let previous = lastDrawn?.size == screen.size ? lastDrawn : nil
        if previous == nil { erase() }
        for y in 0..<screen.size.height where previous?.row(y) != screen.row(y) {
            drawRow(y, of: screen)
        }
        if let cursor = screen.cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
        lastDrawn = screen
    }

    private func drawRow(_ y: Int, of screen: Screen) {
        var cell = cchar_t()
        for x in 0..<screen.size.width {
            let source = screen[x, y]
            if source.isContinuation { continue }
            let appearance = palette.attributes(of: source.style)
            var scalars = Self.scalars(of: source.character)
            scalars.withUnsafeMutableBufferPointer { buffer in
                _ = setcchar(&cell, buffer.baseAddress, appearance.attributes, appearance.pair, nil)
            }
            // The bottom-right cell reports ERR because the cursor cannot advance; it is drawn.
            _ = mvadd_wch(Int32(y), Int32(x), &cell)
        }
    }

    /// A cell's code points for `setcchar`: the base character and the zero-width ones that
    /// combine with it, at most CCHARW_MAX, zero-terminated.
    private static func scalars(of character: Character) -> [wchar_t] {
        var result: [wchar_t] = []
        for scalar in character.unicodeScalars {
            if result.count == Int(CNcursesw_ccharw_max()) - 1 { break }
            if !result.isEmpty && DisplayWidth.of(Character(scalar)) != 0 { continue }
            result.append(wchar_t(bitPattern: scalar.value))
        }
        return result + [0]
    }

    /// Every key and resize waiting in the input, without blocking.
    func pendingEvents() -> [Event] {
        var burst: [KeyDecoder.RawKey] = []
        var events: [Event] = []
        var character: wint_t = 0
        while true {
            let status = get_wch(&character)
            if status == ERR { break }
            if status == KEY_CODE_YES && character == KEY_RESIZE {
                events += KeyDecoder.keys(from: burst).map(Event.keyPressed)
                burst = []
                lastDrawn = nil
                events.append(.resized(size))
                continue
            }
            burst.append(KeyDecoder.RawKey(code: character, isKeyCode: status == KEY_CODE_YES))
        }
        return events + KeyDecoder.keys(from: burst).map(Event.keyPressed)
    }
}
