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
    private var decoder = InputDecoder()

    /// Takes over the terminal: UTF-8 locale, raw keys, no echo, colours, bracketed paste and,
    /// when `mouse` is set, the mouse (which means Shift is needed to select text).
    init(environment: [String: String], mouse: Bool) throws(Unavailable) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw Unavailable(description: "podchat's chat window needs a terminal; for scripts use `podchat ask`")
        }
        if let term = environment["TERM"], term == "dumb" {
            throw Unavailable(description: "TERM=dumb cannot show podchat's chat window; use a real terminal or `podchat ask`")
        }
        guard TerminalText.useUTF8Locale() else {
            let language = environment["LANG"] ?? ""
            throw Unavailable(description: "no UTF-8 locale is available (LANG=\(language)); install one (e.g. C.UTF-8) and set LANG")
        }
        guard newterm(nil, CNcursesw_stdout(), CNcursesw_stdin()) != nil else {
            throw Unavailable(description: "ncurses cannot drive TERM=\(environment["TERM"] ?? "(unset)")")
        }
        raw()
        noecho()
        nonl()
        keypad(CNcursesw_stdscr(), true)
        nodelay(CNcursesw_stdscr(), true)
        // No typeahead check: it polls the keyboard on every refresh to cut a frame short, and
        // the loop already reads all input before it draws (a frame per streamed token).
        typeahead(-1)
        // Esc must not lag: ncurses waits this long to tell a lone Esc from an escape sequence.
        set_escdelay(25)
        for (sequence, code) in KeyDecoder.customSequences { define_key(sequence, Int32(code)) }
        if mouse {
            mouseinterval(0)
            mousemask(CNcursesw_button1_pressed() | CNcursesw_wheel_up() | CNcursesw_wheel_down(), nil)
        }
        Self.setBracketedPaste(true)
        var colors = ColorSupport.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            colors = ColorSupport.detect(colors: Int(CNcursesw_colors()), environment: environment)
        }
        palette = Palette(colors: colors)
        Self.leaveFirstRunState()
    }

    /// Puts ncurses past the state it starts in, where every cursor move within a frame writes
    /// the output gathered so far to the terminal (a frame of a streamed token took two to five
    /// `write` calls, each waking the terminal), into the one it is in after coming back from
    /// `endwin`, where a frame is written once, when it is done. Nothing is drawn yet, so the
    /// round trip shows nothing.
    private static func leaveFirstRunState() {
        def_prog_mode()
        endwin()
        reset_prog_mode()
        refresh()
    }

    /// Gives the terminal back as it was.
    func close() {
        Self.setBracketedPaste(false)
        endwin()
    }

    /// Asks the terminal to mark pastes (`ESC [200~` … `ESC [201~`), or to stop.
    private static func setBracketedPaste(_ isOn: Bool) {
        writeDirectly(isOn ? "\u{1B}[?2004h" : "\u{1B}[?2004l")
    }

    /// Bytes for the terminal itself, past ncurses (which would draw them as text).
    private static func writeDirectly(_ sequence: String) {
        let output = CNcursesw_stdout()
        fputs(sequence, output)
        fflush(output)
    }

    /// Puts `text` on the clipboard with OSC 52.
    func copyToClipboard(_ text: String) {
        Self.writeDirectly(Clipboard.osc52(text))
    }

    /// Gives the terminal to `body` (an editor) as the shell had it, then takes it back and
    /// redraws everything.
    func whileSuspended<Result>(_ body: () -> Result) -> Result {
        Self.setBracketedPaste(false)
        def_prog_mode()
        endwin()
        let result = body()
        reset_prog_mode()
        Self.setBracketedPaste(true)
        lastDrawn = nil
        clearok(CNcursesw_stdscr(), true)
        refresh()
        return result
    }

    var size: Size {
        Size(width: Int(getmaxx(CNcursesw_stdscr())), height: Int(getmaxy(CNcursesw_stdscr())))
    }

    /// Copies `screen` to the terminal; rows equal to the last frame's are skipped (ncurses
    /// diffs too, but building its cells is the cost we avoid).
    func draw(_ screen: Screen) {
        let previous = lastDrawn?.size == screen.size ? lastDrawn : nil
        if previous == nil { erase() }
        for y in 0..<screen.size.height {
            let columns = previous.map { screen.changedColumns(ofRow: y, from: $0) } ?? 0..<screen.size.width
            if let columns { drawRow(y, columns: columns, of: screen) }
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

    private func drawRow(_ y: Int, columns: Range<Int>, of screen: Screen) {
        var cell = cchar_t()
        for x in columns {
            let source = screen[x, y]
            if source.isContinuation { continue }
            let appearance = palette.attributes(of: source.style)
            Self.withScalars(of: source) { text in
                _ = setcchar(&cell, text, appearance.attributes, appearance.pair, nil)
            }
            // The bottom-right cell reports ERR because the cursor cannot advance; it is drawn.
            _ = mvadd_wch(Int32(y), Int32(x), &cell)
        }
    }

    /// Calls `body` with a cell's code points for `setcchar`, zero-terminated: its one code
    /// point without allocating (nearly every cell), else the base character and the zero-width
    /// ones that combine with it, at most CCHARW_MAX.
    private static func withScalars(of cell: Cell, _ body: (UnsafePointer<wchar_t>) -> Void) {
        if let scalar = cell.scalar {
            var text: (wchar_t, wchar_t) = (wchar_t(bitPattern: scalar.value), 0)
            withUnsafePointer(to: &text) { $0.withMemoryRebound(to: wchar_t.self, capacity: 2) { body($0) } }
            return
        }
        var result: [wchar_t] = []
        for scalar in cell.character.unicodeScalars {
            if result.count == Int(CNcursesw_ccharw_max()) - 1 { break }
            if !result.isEmpty && DisplayWidth.of(Character(scalar)) != 0 { continue }
            result.append(wchar_t(bitPattern: scalar.value))
        }
        result.append(0)
        result.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Every key, mouse action, paste and resize waiting in the input, without blocking.
    func pendingEvents() -> [Event] {
        var inputs: [InputDecoder.RawInput] = []
        var character: wint_t = 0
        while true {
            let status = get_wch(&character)
            if status == ERR { break }
            if status == KEY_CODE_YES && character == KEY_RESIZE {
                lastDrawn = nil
                inputs.append(.resized(size))
            } else if status == KEY_CODE_YES && character == KEY_MOUSE {
                if let mouse = Self.mouseEvent() { inputs.append(.mouse(mouse)) }
            } else {
                inputs.append(.key(KeyDecoder.RawKey(code: character, isKeyCode: status == KEY_CODE_YES)))
            }
        }
        return decoder.events(from: inputs)
    }

    private static func mouseEvent() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let point = Point(x: Int(event.x), y: Int(event.y))
        if event.bstate & CNcursesw_wheel_up() != 0 { return MouseEvent(.wheelUp, at: point) }
        if CNcursesw_wheel_down() != 0 && event.bstate & CNcursesw_wheel_down() != 0 { return MouseEvent(.wheelDown, at: point) }
        if event.bstate & CNcursesw_button1_pressed() != 0 { return MouseEvent(.press, at: point) }
        return nil
    }
}
