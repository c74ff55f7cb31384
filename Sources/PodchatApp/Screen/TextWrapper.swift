/// Soft-wraps text to a display width without changing it: the stored text keeps its own
/// newlines, and wrapping happens again on every resize.
package enum TextWrapper {
    /// How many columns a tab advances to; tabs become spaces in wrapped lines.
    package static let tabWidth = 4

    /// `text` broken into lines no wider than `width` columns.
    ///
    /// Lines break at spaces when they can; a word longer than the line is cut; wide (CJK)
    /// characters may break anywhere, as CJK text does. Spaces at a break are dropped.
    package static func wrap(_ text: String, width: Int) -> [String] {
        wrap(runs: [StyledRun(text, style: .normal)], width: width).map(\.plainText)
    }

    /// Styled text broken the same way as ``wrap(_:width:)``; each character keeps its style.
    package static func wrap(runs: [StyledRun], width: Int) -> [[StyledRun]] {
        guard width > 0 else { return [] }
        var lines: [[StyledRun]] = []
        var paragraph: [StyledCharacter] = []
        for run in runs {
            for character in run.text {
                if character == "\n" || character == "\r\n" {
                    lines += wrapParagraph(expandTabs(paragraph), width: width)
                    paragraph = []
                } else {
                    paragraph.append(StyledCharacter(character: character, style: run.style))
                }
            }
        }
        lines += wrapParagraph(expandTabs(paragraph), width: width)
        return lines
    }

    /// One character and its style: what the wrapper moves around.
    private struct StyledCharacter {
        var character: Character
        var style: Style
    }

    private static func expandTabs(_ line: [StyledCharacter]) -> [StyledCharacter] {
        guard line.contains(where: { $0.character == "\t" }) else { return line }
        var result: [StyledCharacter] = []
        var column = 0
        for unit in line {
            if unit.character == "\t" {
                let spaces = tabWidth - column % tabWidth
                result += Array(repeating: StyledCharacter(character: " ", style: unit.style), count: spaces)
                column += spaces
            } else {
                result.append(unit)
                column += DisplayWidth.of(unit.character)
            }
        }
        return result
    }

    private static func wrapParagraph(_ units: [StyledCharacter], width: Int) -> [[StyledRun]] {
        var lines: [[StyledRun]] = []
        var line: [StyledCharacter] = []
        var lineWidth = 0
        // Position in `line` after which it may break: after a space or a wide character.
        var breakAfter: Int?
        // Spaces right after a soft break belong to the break, not to the next line.
        var afterSoftBreak = false
        for unit in units {
            if afterSoftBreak && unit.character == " " { continue }
            afterSoftBreak = false
            let columns = DisplayWidth.of(unit.character)
            if lineWidth + columns > width && unit.character == " " {
                lines.append(runs(of: trimmingTrailingSpaces(line[...])))
                (line, lineWidth, breakAfter, afterSoftBreak) = ([], 0, nil, true)
                continue
            }
            while lineWidth + columns > width && !line.isEmpty {
                let head = breakAfter.map { trimmingTrailingSpaces(line[..<$0]) } ?? []
                if head.isEmpty {
                    lines.append(runs(of: line[...]))
                    line = []
                } else {
                    lines.append(runs(of: head))
                    line = Array(line[(breakAfter ?? line.count)...].drop { $0.character == " " })
                }
                lineWidth = line.reduce(0) { $0 + DisplayWidth.of($1.character) }
                breakAfter = nil
            }
            line.append(unit)
            lineWidth += columns
            if unit.character == " " || columns == 2 { breakAfter = line.count }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(runs(of: line[...])) }
        return lines
    }

    private static func runs(of units: ArraySlice<StyledCharacter>) -> [StyledRun] {
        var result: [StyledRun] = []
        for unit in units { result.append(String(unit.character), style: unit.style) }
        return result
    }

    private static func trimmingTrailingSpaces(_ units: ArraySlice<StyledCharacter>) -> ArraySlice<StyledCharacter> {
        var end = units.endIndex
        while end > units.startIndex && units[end - 1].character == " " { end -= 1 }
        return units[units.startIndex..<end]
    }
}
