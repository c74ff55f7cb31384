import CDisplayWidth

/// How many terminal columns text takes, measured the way ncurses measures it.
///
/// Widths come from libc `wcwidth`, which ncurses also uses to advance its cursor; agreeing
/// with ncurses matters more than any table of our own. It needs a UTF-8 `LC_CTYPE`
/// (see ``TerminalText/useUTF8Locale()``), or every non-ASCII character measures -1.
package enum DisplayWidth {
    /// The columns `character` takes: 0, 1 or 2. Characters that cannot be drawn as they are
    /// (controls) measure as the placeholder ``TerminalText`` draws instead.
    package static func of(_ character: Character) -> Int {
        // ASCII, including controls, which are drawn as one-column placeholders.
        if character.isASCII || !TerminalText.isSafe(character) { return 1 }
        guard let first = character.unicodeScalars.first else { return 0 }
        let width = Int(CDisplayWidth_wcwidth(first.value))
        if width < 0 { return 1 }
        // An emoji-presentation selector turns a narrow symbol (❤) into a wide emoji (❤️).
        if width == 1 && character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return width
    }

    /// The columns `text` takes.
    package static func of(_ text: some StringProtocol) -> Int {
        // Printable ASCII is a column a byte: the bar's hints, labels and prompts are measured
        // every frame without reading their characters. (Not controls: CR LF is one character.)
        if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }
}
