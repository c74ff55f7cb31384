/// The multi-line input: a divider, then the text with a prompt, scrolled to keep the caret
/// in view. Places the terminal cursor at the caret when it has the keys. The same box edits
/// the system prompt, named on the divider.
struct InputBoxView {
    let layout: InputLayout
    let isWaiting: Bool
    let isFocused: Bool
    /// Written on the divider: what the box is editing or which area has the keys.
    let label: String?

    func render(divider: Rect, input: Rect, on screen: inout Screen) {
        screen.repeatGlyph("─", at: Point(x: divider.x, y: divider.y), count: divider.width, style: isFocused ? .borderFocused : .border)
        if let label {
            screen.write(" \(label) ", at: Point(x: divider.x + 1, y: divider.y), width: divider.width - 2, style: .focusLabel)
        }
        let promptWidth = DisplayWidth.of(InputLayout.prompt)
        let firstRow = max(0, layout.caretRow - (input.height - 1))
        if layout.editor.characters.isEmpty {
            let hint = isWaiting ? "(a reply is coming; Esc stops it)" : "Type a message, Enter to send; /set NAME VALUE tunes"
            screen.write(hint, at: Point(x: input.x + promptWidth, y: input.y), width: input.width - promptWidth, style: .placeholder)
        }
        for row in 0..<input.height where firstRow + row < layout.rows.count {
            let y = input.y + row
            let prefix = firstRow + row == 0 ? InputLayout.prompt : String(repeating: " ", count: promptWidth)
            screen.write(prefix, at: Point(x: input.x, y: y), width: promptWidth, style: isFocused ? .inputPrompt : .dim)
            screen.write(layout.rows[firstRow + row], at: Point(x: input.x + promptWidth, y: y), width: input.width - promptWidth, style: .inputText)
        }
        if isFocused {
            screen.cursor = Point(x: input.x + promptWidth + layout.caretColumn, y: input.y + layout.caretRow - firstRow)
        }
    }
}
