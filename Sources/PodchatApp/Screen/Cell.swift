/// One terminal cell. A double-width glyph occupies its own cell and marks the next one as a
/// continuation, exactly as the terminal will.
///
/// A cell is plain bytes: its character is kept as one code point, or as a number standing for a
/// longer grapheme cluster (``GraphemeClusters``). A frame makes, copies, compares and frees
/// thousands of cells; with a `Character` in each (a reference-counted string) that was a
/// retain and a release per cell copied, a sixth of a streamed token's CPU.
package struct Cell: Sendable, Equatable {
    /// The code point, or ``GraphemeClusters/firstCode`` and above for a cluster.
    private var code: UInt32
    package var style: Style
    /// The right half of a double-width glyph: drawn by the glyph to its left, never on its own.
    package var isContinuation: Bool

    package init(_ character: Character, style: Style, isContinuation: Bool = false) {
        self.code = Self.code(of: character)
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A cell showing the one code point `scalar`, made without building a `Character`.
    package init(_ scalar: Unicode.Scalar, style: Style) {
        self.code = scalar.value
        self.style = style
        self.isContinuation = false
    }

    /// The character the cell shows.
    package var character: Character {
        get {
            if let scalar = scalar { return Character(scalar) }
            return GraphemeClusters.shared.character(for: code)
        }
        set { code = Self.code(of: newValue) }
    }

    /// The character when it is one code point (nearly always), else nil.
    package var scalar: Unicode.Scalar? {
        code < GraphemeClusters.firstCode ? Unicode.Scalar(code) : nil
    }

    /// An empty cell.
    package static func blank(_ style: Style = .normal) -> Cell {
        Cell(" " as Unicode.Scalar, style: style)
    }

    private static func code(of character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let only = scalars.first { return only.value }
        return GraphemeClusters.shared.code(for: character)
    }
}
