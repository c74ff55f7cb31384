/// The layout of a text line still arriving (the last line of a reply streaming), kept so the
/// next delta lays out only what it added: the line's settled start, whose inline runs and
/// finished rows no later text changes (``InlineMarkdown/runs(settling:base:)``), and the
/// wrapper as it stood after it. The rows depend only on the line's text, so any line that
/// begins with the settled start goes on from there.
struct GrowingLine {
    /// The line's start laid out for good.
    private var settled = ""
    /// The wrapper after `settled`.
    private var wrapper: ParagraphWrapper

    /// Nothing laid out yet, for rows of `width` columns (at least 1).
    init(width: Int) {
        wrapper = ParagraphWrapper(width: width)
    }

    /// The rows of `line`, a text block's whole source line, with plain text in `base`: the
    /// same as wrapping all of its inline runs. Goes on from the settled start when `line`
    /// begins with it, and settles what `line` adds that no later text can change.
    mutating func rows(of line: String, base: Style) -> [[StyledRun]] {
        if !line.hasUTF8Prefix(settled) { self = GrowingLine(width: wrapper.width) }
        let rest = line[line.utf8.index(line.startIndex, offsetBy: settled.utf8.count)...]
        let read = InlineMarkdown.runs(settling: String(rest), base: base)
        var open = wrapper
        guard read.settled > 0 else {
            open.append(read.runs)
            return open.allRows
        }
        let head = rest.prefix(read.settled)
        wrapper.append(InlineMarkdown.runs(String(head), base: base))
        settled += head
        open = wrapper
        open.append(InlineMarkdown.runs(String(rest[head.endIndex...]), base: base))
        return open.allRows
    }
}
