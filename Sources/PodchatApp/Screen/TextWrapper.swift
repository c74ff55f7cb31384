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
        var paragraph = ParagraphWrapper(width: width)
        for run in runs {
            for character in run.text {
                if character == "\n" || character == "\r\n" {
                    lines += paragraph.allRows
                    paragraph = ParagraphWrapper(width: width)
                } else {
                    paragraph.append(character, style: run.style)
                }
            }
        }
        return lines + paragraph.allRows
    }
}
