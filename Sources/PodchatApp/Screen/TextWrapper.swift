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
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapParagraph(expandTabs(paragraph), width: width)
        }
        return lines
    }

    private static func expandTabs(_ line: Substring) -> [Character] {
        var result: [Character] = []
        var column = 0
        for character in line {
            if character == "\t" {
                let spaces = tabWidth - column % tabWidth
                result += Array(repeating: " ", count: spaces)
                column += spaces
            } else {
                result.append(character)
                column += DisplayWidth.of(character)
            }
        }
        return result
    }

    private static func wrapParagraph(_ characters: [Character], width: Int) -> [String] {
        var lines: [String] = []
        var line: [Character] = []
        var lineWidth = 0
        // Position in `line` after which it may break: after a space or a wide character.
        var breakAfter: Int?
        // Spaces right after a soft break belong to the break, not to the next line.
        var afterSoftBreak = false
        for character in characters {
            if afterSoftBreak && character == " " { continue }
            afterSoftBreak = false
            let columns = DisplayWidth.of(character)
            if lineWidth + columns > width && character == " " {
                lines.append(String(trimmingTrailingSpaces(line[...])))
                (line, lineWidth, breakAfter, afterSoftBreak) = ([], 0, nil, true)
                continue
            }
            while lineWidth + columns > width && !line.isEmpty {
                let head = breakAfter.map { trimmingTrailingSpaces(line[..<$0]) } ?? []
                if head.isEmpty {
                    lines.append(String(line))
                    line = []
                } else {
                    lines.append(String(head))
                    line = Array(line[(breakAfter ?? line.count)...].drop { $0 == " " })
                }
                lineWidth = DisplayWidth.of(String(line))
                breakAfter = nil
            }
            line.append(character)
            lineWidth += columns
            if character == " " || columns == 2 { breakAfter = line.count }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(String(line)) }
        return lines
    }

    private static func trimmingTrailingSpaces(_ characters: ArraySlice<Character>) -> ArraySlice<Character> {
        var end = characters.endIndex
        while end > characters.startIndex && characters[end - 1] == " " { end -= 1 }
        return characters[characters.startIndex..<end]
    }
}
