/// A grid of cells the size of the terminal, plus where the cursor should be. The whole UI is
/// drawn into one of these; the terminal layer only copies it out.
package struct Screen: Sendable, Equatable {
    package let size: Size
    /// Where the terminal cursor goes, or nil to hide it.
    package var cursor: Point?
    private var cells: [Cell]

    package init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank(), count: max(0, size.width * size.height))
    }

    /// The whole screen as a rectangle.
    package var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    package subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// The cells of row `y`, left to right.
    package func row(_ y: Int) -> ArraySlice<Cell> {
        cells[y * size.width..<(y + 1) * size.width]
    }

    /// Whether row `y` holds the same cells as row `y` of `other`, a screen as wide.
    ///
    /// The terminal layer asks this of every row of every frame, to copy out only the rows that
    /// changed. Comparing the cells' fields in place is about ten times faster than comparing
    /// the rows as slices, which copies every cell (0.5 ms a frame at 250×80).
    package func row(_ y: Int, matches other: Screen) -> Bool {
        guard other.size.width == size.width, (0..<size.height).contains(y), y < other.size.height else { return false }
        let columns = y * size.width..<(y + 1) * size.width
        return cells.withUnsafeBufferPointer { mine in
            other.cells.withUnsafeBufferPointer { theirs in
                columns.allSatisfy { mine[$0] == theirs[$0] }
            }
        }
    }

    /// The columns of row `y` that differ from row `y` of `other`, a screen as wide: from the
    /// first that differs to the last, begun at a whole glyph (never at the right half of a wide
    /// one); nil when the row is the same. A streamed token changes a few cells of a row, and
    /// the terminal layer copies out only these.
    package func changedColumns(ofRow y: Int, from other: Screen) -> Range<Int>? {
        guard other.size.width == size.width, (0..<size.height).contains(y), y < other.size.height else {
            return (0..<size.height).contains(y) ? 0..<size.width : nil
        }
        let start = y * size.width
        return cells.withUnsafeBufferPointer { mine in
            other.cells.withUnsafeBufferPointer { theirs in
                guard var first = (0..<size.width).first(where: { mine[start + $0] != theirs[start + $0] }),
                    let last = (first..<size.width).last(where: { mine[start + $0] != theirs[start + $0] })
                else { return nil }
                while first > 0 && mine[start + first].isContinuation { first -= 1 }
                return first..<last + 1
            }
        }
    }

    /// Paints every cell of `rect` blank in `style`.
    package mutating func fill(_ rect: Rect, style: Style) {
        let clipped = clip(rect)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y] = .blank(style) }
        }
    }

    /// Copies the cells of `rect` from `other`, a screen of the same size.
    package mutating func copy(_ rect: Rect, from other: Screen) {
        copy(rect, from: other, to: rect.y)
    }

    /// Copies the cells of `rect` from `other`, a screen of the same size, to the same columns
    /// from row `y` down: rows that scrolled keep their cells.
    package mutating func copy(_ rect: Rect, from other: Screen, to y: Int) {
        let source = clip(rect)
        let target = clip(Rect(x: source.x, y: y, width: source.width, height: source.height))
        guard source.height == target.height else { return }
        for row in 0..<source.height {
            let from = (source.y + row) * size.width + source.x..<(source.y + row) * size.width + source.maxX
            let to = (target.y + row) * size.width + target.x..<(target.y + row) * size.width + target.maxX
            cells.replaceSubrange(to, with: other.cells[from])
        }
    }

    /// Writes `text` on row `origin.y` from column `origin.x`, clipped to `width` columns and to
    /// the screen. A double-width glyph that would cross the edge is replaced by a space, so no
    /// glyph is ever cut in half; zero-width characters are dropped; unsafe characters become
    /// placeholders (``TerminalText``).
    ///
    /// - Returns: the number of columns used.
    @discardableResult
    package mutating func write(_ text: some StringProtocol, at origin: Point, width: Int, style: Style) -> Int {
        guard origin.y >= 0, origin.y < size.height, origin.x >= 0 else { return 0 }
        let limit = min(origin.x + width, size.width)
        let scalars = text.unicodeScalars
        var x = origin.x
        var index = text.startIndex
        // The last stand-alone glyph put and its one-column cell: a rule repeats one glyph
        // across the width, and each would otherwise be checked and measured again.
        var repeated: (scalar: Unicode.Scalar, cell: Cell)?
        while index < text.endIndex, x < limit {
            // A code point that cannot join its neighbours, followed by another (or by nothing),
            // is a character of its own: taken without Unicode's segmentation, which was most of
            // a frame's drawing. Printable ASCII is safe and one column wide as it is.
            let scalar = scalars[index]
            let after = scalars.index(after: index)
            if Self.standsAlone(scalar), after == text.endIndex || Self.standsAlone(scalars[after]) {
                index = after
                if (0x20...0x7E).contains(scalar.value) {
                    self[x, origin.y] = Cell(scalar, style: style)
                    x += 1
                    continue
                }
                if let repeated, repeated.scalar == scalar {
                    self[x, origin.y] = repeated.cell
                    x += 1
                    continue
                }
                let columns = put(TerminalText.drawable(Character(scalar)), at: Point(x: x, y: origin.y), limit: limit, style: style)
                repeated = columns == 1 ? (scalar, self[x, origin.y]) : nil
                x += columns
                continue
            }
            let character = text[index]
            index = text.index(after: index)
            x += put(TerminalText.drawable(character), at: Point(x: x, y: origin.y), limit: limit, style: style)
        }
        return x - origin.x
    }

    /// Writes `glyph`, a character one column wide, `count` times from `origin` (clipped like
    /// ``write(_:at:width:style:)``): a rule, drawn every frame, without making its string.
    package mutating func repeatGlyph(_ glyph: Character, at origin: Point, count: Int, style: Style) {
        guard count > 0, write(String(glyph), at: origin, width: count, style: style) == 1 else { return }
        let cell = self[origin.x, origin.y]
        for x in origin.x + 1..<max(origin.x + 1, min(origin.x + count, size.width)) { self[x, origin.y] = cell }
    }

    /// Puts `glyph` at `point` unless it would cross `limit`, where a space stands for a glyph
    /// cut in half (and ends the writing: `limit` is then reached). Returns the columns used.
    private mutating func put(_ glyph: Character, at point: Point, limit: Int, style: Style) -> Int {
        let columns = DisplayWidth.of(glyph)
        if columns == 0 { return 0 }
        if point.x + columns > limit {
            self[point.x, point.y] = .blank(style)
            return limit - point.x
        }
        self[point.x, point.y] = Cell(glyph, style: style)
        if columns == 2 { self[point.x + 1, point.y] = Cell(" ", style: style, isContinuation: true) }
        return columns
    }

    /// Whether `scalar` never joins the code point before or after it into one character: it
    /// is none of Unicode's extending marks, joiners, prepended marks, regional indicators,
    /// Hangul jamo, CR or LF. Printable ASCII, Latin-1 to the spacing modifiers, and general
    /// punctuation through arrows, box drawing and symbols, less the combining marks for symbols.
    private static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x20CF, 0x2100...0x2BFF: true
        default: false
        }
    }

    /// The screen as text, one string per row, continuation cells left out; for tests.
    package var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            return line
        }
    }

    /// Where the style changes, row by row, as `(x,y) style`; for snapshot tests.
    package var styleChanges: [String] {
        var changes: [String] = []
        var current: Style?
        for y in 0..<size.height {
            for x in 0..<size.width where !self[x, y].isContinuation && self[x, y].style != current {
                current = self[x, y].style
                changes.append("(\(x),\(y)) \(self[x, y].style.rawValue)")
            }
        }
        return changes
    }

    private func clip(_ rect: Rect) -> Rect {
        let x = max(0, rect.x)
        let y = max(0, rect.y)
        return Rect(x: x, y: y, width: min(rect.maxX, size.width) - x, height: min(rect.maxY, size.height) - y)
    }
}
