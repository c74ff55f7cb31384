/// How far a growing Markdown text (a reply still streaming) has been laid out: the rows of
/// its lines up to its last line end, and the parser's state there. Those rows stay the same
/// whatever is appended, so ``MarkdownRenderer`` lays out a longer text that begins with the
/// same lines only from that point on, and the last line, still growing, from its own settled
/// start (``GrowingLine``).
package struct MarkdownProgress {
    /// The text laid out for good: whole lines, ending with a line end.
    private(set) var settled: Substring = ""
    private(set) var rows: [[StyledRun]] = []
    private(set) var parser = MarkdownParser()
    /// The last line, when it is text, as far as its layout is settled.
    var growingLine: GrowingLine
    let width: Int
    let base: Style

    /// Nothing laid out yet, for laying out at `width` in `base`.
    package init(width: Int = 0, base: Style = .messageText) {
        self.width = width
        self.base = base
        growingLine = GrowingLine(width: max(1, width))
    }

    /// Whether `text`, laid out at `width` in `base`, begins with the settled lines, so the
    /// layout can go on from them.
    func isContinued(by text: String, width: Int, base: Style) -> Bool {
        guard width == self.width, base == self.base, text.utf8.count >= settled.utf8.count else { return false }
        return text.hasUTF8Prefix(settled)
    }

    /// Settles `text` (whole lines, up to a line end), laid out as `rows`, with the parser as
    /// it stands after it.
    mutating func settle(_ text: Substring, rows: [[StyledRun]], parser: MarkdownParser) {
        settled = text
        self.rows = rows
        self.parser = parser
    }
}
