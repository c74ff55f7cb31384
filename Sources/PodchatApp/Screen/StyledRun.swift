/// A stretch of text drawn in one style: the unit of a line with several styles (bold words,
/// inline code, a link beside its address).
package struct StyledRun: Sendable, Equatable {
    package var text: String
    package var style: Style

    package init(_ text: String, style: Style) {
        self.text = text
        self.style = style
    }
}

extension [StyledRun] {
    /// The runs' text, styles left out.
    package var plainText: String { map(\.text).joined() }

    /// Adds `text` in `style`, merged into the last run when the style is the same.
    mutating func append(_ text: some StringProtocol, style: Style) {
        guard !text.isEmpty else { return }
        if let last = indices.last, self[last].style == style {
            self[last].text += text
        } else {
            append(StyledRun(String(text), style: style))
        }
    }
}
