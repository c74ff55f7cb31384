/// One terminal cell. A double-width glyph occupies its own cell and marks the next one as a
/// continuation, exactly as the terminal will.
package struct Cell: Sendable, Equatable {
    package var character: Character
    package var style: Style
    /// The right half of a double-width glyph: drawn by the glyph to its left, never on its own.
    package var isContinuation: Bool

    package init(_ character: Character, style: Style, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell.
    package static func blank(_ style: Style = .normal) -> Cell {
        Cell(" ", style: style)
    }
}
