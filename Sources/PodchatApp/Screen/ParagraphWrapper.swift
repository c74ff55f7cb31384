/// Greedy wrapping of one paragraph (text without line breaks), fed a character at a time.
///
/// A row, once finished, never changes whatever follows, so a paragraph that grows (the last
/// line of a reply still streaming) can be wrapped on from a copy kept at any point instead of
/// from its start. ``TextWrapper`` wraps every paragraph with it, so both agree by construction.
struct ParagraphWrapper {
    /// One character and its style: what the wrapper moves around.
    private struct StyledCharacter {
        var character: Character
        var style: Style
    }

    /// Columns a row may take.
    let width: Int
    /// The rows finished for good.
    private var rows: [[StyledRun]] = []
    /// The row still open.
    private var line: [StyledCharacter] = []
    private var lineWidth = 0
    /// Position in `line` after which it may break: after a space or a wide character.
    private var breakAfter: Int?
    /// Spaces right after a soft break belong to the break, not to the next line.
    private var afterSoftBreak = false
    /// Columns since the paragraph's start, before wrapping: tab stops count from there.
    private var column = 0

    /// An empty paragraph wrapped at `width` columns (at least 1).
    init(width: Int) {
        self.width = width
    }

    /// Every row so far: the finished ones and the one still open (an empty paragraph is one
    /// empty row).
    var allRows: [[StyledRun]] {
        !line.isEmpty || rows.isEmpty ? rows + [Self.runs(of: line[...])] : rows
    }

    /// Adds `runs`' characters, which must hold no line break.
    mutating func append(_ runs: [StyledRun]) {
        for run in runs {
            for character in run.text { append(character, style: run.style) }
        }
    }

    /// Adds one character; a tab becomes spaces up to the next tab stop.
    mutating func append(_ character: Character, style: Style) {
        guard character == "\t" else {
            place(StyledCharacter(character: character, style: style))
            column += DisplayWidth.of(character)
            return
        }
        let spaces = TextWrapper.tabWidth - column % TextWrapper.tabWidth
        for _ in 0..<spaces { place(StyledCharacter(character: " ", style: style)) }
        column += spaces
    }

    private mutating func place(_ unit: StyledCharacter) {
        if afterSoftBreak && unit.character == " " { return }
        afterSoftBreak = false
        let columns = DisplayWidth.of(unit.character)
        if lineWidth + columns > width && unit.character == " " {
            rows.append(Self.runs(of: Self.trimmingTrailingSpaces(line[...])))
            (line, lineWidth, breakAfter, afterSoftBreak) = ([], 0, nil, true)
            return
        }
        while lineWidth + columns > width && !line.isEmpty {
            let head = breakAfter.map { Self.trimmingTrailingSpaces(line[..<$0]) } ?? []
            if head.isEmpty {
                rows.append(Self.runs(of: line[...]))
                line = []
            } else {
                rows.append(Self.runs(of: head))
                line = Array(line[(breakAfter ?? line.count)...].drop { $0.character == " " })
            }
            lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.character) }
            breakAfter = nil
        }
        line.append(unit)
        lineWidth += columns
        if unit.character == " " || columns == 2 { breakAfter = line.count }
    }

    /// The units as runs, one per stretch of a style. Each run's text is gathered in one string:
    /// the open row is made again every frame a reply streams, and a string per character was
    /// most of that.
    private static func runs(of units: ArraySlice<StyledCharacter>) -> [StyledRun] {
        var result: [StyledRun] = []
        var start = units.startIndex
        while start < units.endIndex {
            let style = units[start].style
            let end = units[start...].firstIndex { $0.style != style } ?? units.endIndex
            var text = ""
            text.reserveCapacity(end - start)
            for unit in units[start..<end] { text.append(unit.character) }
            result.append(text, style: style)
            start = end
        }
        return result
    }

    private static func trimmingTrailingSpaces(_ units: ArraySlice<StyledCharacter>) -> ArraySlice<StyledCharacter> {
        var end = units.endIndex
        while end > units.startIndex && units[end - 1].character == " " { end -= 1 }
        return units[units.startIndex..<end]
    }
}
