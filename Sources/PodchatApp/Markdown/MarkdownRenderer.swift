/// Lays Markdown out as styled lines for the transcript: headings, emphasis, inline code,
/// fenced code blocks set apart in a frame with their language and number (their lines are
/// never re-flowed, only cut where the width ends), lists with hanging indents, block quotes,
/// links with their address, rules.
package enum MarkdownRenderer {
    /// The rows of `text` at `width` columns; plain text is drawn in `base`.
    package static func lines(of text: String, width: Int, base: Style = .messageText) -> [[StyledRun]] {
        guard width >= 6 else { return TextWrapper.wrap(runs: [StyledRun(text, style: base)], width: width) }
        return MarkdownBlock.parse(text).flatMap { lines(of: $0, width: width, base: base) }
    }

    /// The fenced code blocks of `text`, numbered as the transcript shows them.
    package static func codeBlocks(in text: String) -> [CodeBlock] {
        MarkdownBlock.codeBlocks(in: text)
    }

    private static func lines(of block: MarkdownBlock, width: Int, base: Style) -> [[StyledRun]] {
        switch block {
        case .blank: return [[]]
        case .text(let text): return TextWrapper.wrap(runs: InlineMarkdown.runs(text, base: base), width: width)
        case .heading(_, let text): return TextWrapper.wrap(runs: InlineMarkdown.runs(text, base: .heading), width: width)
        case .rule: return [[StyledRun(String(repeating: "─", count: min(width, 40)), style: .codeFrame)]]
        case .quote(let text): return prefixed(InlineMarkdown.runs(text, base: .quote), first: "▎ ", rest: "▎ ", style: .quote, width: width)
        case .listItem(let marker, let indent, let text):
            let bullet = marker.first.map { "-*+".contains($0) } == true ? (indent >= 2 ? "◦" : "•") : marker
            let lead = String(repeating: " ", count: min(indent, width / 2)) + bullet + " "
            return prefixed(InlineMarkdown.runs(text, base: base), first: lead, rest: String(repeating: " ", count: DisplayWidth.of(lead)), style: .listMarker, width: width)
        case .listContinuation(let indent, let text):
            let lead = String(repeating: " ", count: min(indent, width / 2))
            return prefixed(InlineMarkdown.runs(text, base: base), first: lead, rest: lead, style: base, width: width)
        case .code(let code, let isClosed): return codeLines(code, isClosed: isClosed, width: width)
        }
    }

    /// `runs` wrapped beside a prefix: `first` on the first row, `rest` on the others.
    private static func prefixed(_ runs: [StyledRun], first: String, rest: String, style: Style, width: Int) -> [[StyledRun]] {
        let room = max(1, width - DisplayWidth.of(first))
        return TextWrapper.wrap(runs: runs, width: room).enumerated().map { row, line in
            [StyledRun(row == 0 ? first : rest, style: style)] + line
        }
    }

    /// A frame with the language and the number `/copy code N` takes; code rows longer than
    /// the width continue on the next row after a dotted bar instead of being re-flowed.
    private static func codeLines(_ code: CodeBlock, isClosed: Bool, width: Int) -> [[StyledRun]] {
        let label = "┌─ code \(code.number)" + (code.language.isEmpty ? "" : " · \(code.language)")
        var rows: [[StyledRun]] = [[StyledRun(label, style: .codeFrame)]]
        for line in code.text.split(separator: "\n", omittingEmptySubsequences: false) {
            for (index, piece) in cut(expandingTabs(line), width: width - 2).enumerated() {
                rows.append([StyledRun(index == 0 ? "│ " : "┆ ", style: .codeFrame), StyledRun(piece, style: .codeBlock)])
            }
        }
        if isClosed { rows.append([StyledRun("└─", style: .codeFrame)]) }
        return rows
    }

    private static func expandingTabs(_ line: Substring) -> String {
        guard line.contains("\t") else { return String(line) }
        var result = ""
        for character in line {
            if character == "\t" {
                result += String(repeating: " ", count: TextWrapper.tabWidth - DisplayWidth.of(result) % TextWrapper.tabWidth)
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `line` cut into pieces of at most `width` columns, at any character.
    private static func cut(_ line: String, width: Int) -> [String] {
        guard width > 0 else { return [line] }
        var pieces: [String] = [""]
        var used = 0
        for character in line {
            let columns = DisplayWidth.of(character)
            if used + columns > width && used > 0 {
                pieces.append("")
                used = 0
            }
            pieces[pieces.count - 1].append(character)
            used += columns
        }
        return pieces
    }
}
