/// The text being typed, with a caret. Multi-line: newlines are part of the text.
package struct LineEditor: Sendable, Equatable {
    package private(set) var characters: [Character] = []
    /// Caret position: the index in `characters` before which typing inserts.
    package private(set) var caret = 0

    package init(_ text: String = "") {
        characters = Array(text)
        caret = characters.count
    }

    package var text: String { String(characters) }
    package var isBlank: Bool { characters.allSatisfy(\.isWhitespace) }

    package mutating func insert(_ text: String) {
        characters.insert(contentsOf: text, at: caret)
        caret += text.count
    }

    package mutating func deleteBackward() {
        guard caret > 0 else { return }
        caret -= 1
        characters.remove(at: caret)
    }

    package mutating func deleteForward() {
        guard caret < characters.count else { return }
        characters.remove(at: caret)
    }

    package mutating func moveLeft() { caret = max(0, caret - 1) }
    package mutating func moveRight() { caret = min(characters.count, caret + 1) }

    /// Moves the caret to the start of its line.
    package mutating func moveToLineStart() { caret = lineStart }

    /// Moves the caret to the end of its line.
    package mutating func moveToLineEnd() {
        caret = characters[caret...].firstIndex(of: "\n") ?? characters.count
    }

    /// Deletes from the start of the caret's line to the caret (Ctrl-U).
    package mutating func deleteToLineStart() {
        let start = lineStart
        characters.removeSubrange(start..<caret)
        caret = start
    }

    /// Deletes from the caret to the end of its line (Ctrl-K); at the end, the newline.
    package mutating func deleteToLineEnd() {
        let end = characters[caret...].firstIndex(of: "\n") ?? characters.count
        characters.removeSubrange(caret..<max(end, min(caret + 1, characters.count)))
    }

    /// Moves to the start of the word before the caret (Ctrl-←, Alt-b).
    package mutating func moveWordLeft() { caret = wordStart(before: caret) }

    /// Moves to the end of the word after the caret (Ctrl-→, Alt-f).
    package mutating func moveWordRight() { caret = wordEnd(after: caret) }

    /// Deletes back to the start of the word before the caret (Ctrl-W, Alt-Backspace).
    package mutating func deleteWordBackward() {
        let start = wordStart(before: caret)
        characters.removeSubrange(start..<caret)
        caret = start
    }

    /// Deletes to the end of the word after the caret (Alt-d).
    package mutating func deleteWordForward() {
        characters.removeSubrange(caret..<wordEnd(after: caret))
    }

    /// Whether the caret is on the first line, where Up goes to older messages.
    package var isOnFirstLine: Bool { !characters[..<caret].contains("\n") }

    /// Whether the caret is on the last line, where Down goes to newer messages.
    package var isOnLastLine: Bool { !characters[caret...].contains("\n") }

    /// Moves to the line above, keeping the column as far as the line allows.
    package mutating func moveLineUp() {
        guard !isOnFirstLine else { return }
        let column = caret - lineStart
        let previousEnd = lineStart - 1
        let previousStart = (characters[..<previousEnd].lastIndex(of: "\n")).map { $0 + 1 } ?? 0
        caret = min(previousStart + column, previousEnd)
    }

    /// Moves to the line below, keeping the column as far as the line allows.
    package mutating func moveLineDown() {
        guard let end = characters[caret...].firstIndex(of: "\n") else { return }
        let column = caret - lineStart
        let nextEnd = characters[(end + 1)...].firstIndex(of: "\n") ?? characters.count
        caret = min(end + 1 + column, nextEnd)
    }

    private func isWordCharacter(_ index: Int) -> Bool {
        characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0 && !isWordCharacter(index - 1) { index -= 1 }
        while index > 0 && isWordCharacter(index - 1) { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count && !isWordCharacter(index) { index += 1 }
        while index < characters.count && isWordCharacter(index) { index += 1 }
        return index
    }

    /// Empties the editor and returns what it held.
    package mutating func take() -> String {
        defer { self = LineEditor() }
        return text
    }

    private var lineStart: Int {
        (characters[..<caret].lastIndex(of: "\n")).map { $0 + 1 } ?? 0
    }

    /// The text hard-wrapped to `width` columns, and the caret's row and column in it.
    /// Hard wrapping (at any character) keeps the caret mapping exact while typing.
    package func layout(width: Int) -> (rows: [String], caretRow: Int, caretColumn: Int) {
        guard width > 1 else { return ([""], 0, 0) }
        var rows: [String] = [""]
        var column = 0
        var caretPosition = (row: 0, column: 0)
        for (index, character) in characters.enumerated() {
            if index == caret { caretPosition = (rows.count - 1, column) }
            if character == "\n" {
                rows.append("")
                column = 0
                continue
            }
            let columns = DisplayWidth.of(TerminalText.drawable(character))
            if column + columns > width {
                rows.append("")
                column = 0
                if index == caret { caretPosition = (rows.count - 1, 0) }
            }
            rows[rows.count - 1].append(character)
            column += columns
        }
        if caret == characters.count {
            // The caret after a full row wraps to the next one, as the terminal cursor would.
            if column >= width { rows.append(""); column = 0 }
            caretPosition = (rows.count - 1, column)
        }
        return (rows, caretPosition.row, caretPosition.column)
    }
}
