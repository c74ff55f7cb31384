/// Lays Markdown out as styled lines for the transcript: headings, emphasis, inline code,
/// fenced code blocks set apart in a frame with their language and number (their lines are
/// never re-flowed, only cut where the width ends), lists with hanging indents, block quotes,
/// links with their address, rules.
package enum MarkdownRenderer {
    /// The rows of `text` at `width` columns; plain text is drawn in `base`.
    package static func lines(of text: String, width: Int, base: Style = .messageText) -> [[StyledRun]] {
        var progress = MarkdownProgress()
        return lines(of: text, width: width, base: base, continuing: &progress)
    }

    /// The rows of `text`, as ``lines(of:width:base:)`` gives them, reusing `progress` when
    /// `text` begins with the lines it settled (a reply that grew since): only the lines after
    /// those are laid out, so a streamed delta costs the lines it touches, not the whole reply.
    /// `progress` moves on to the last line end.
    package static func lines(of text: String, width: Int, base: Style, continuing progress: inout MarkdownProgress) -> [[StyledRun]] {
        guard width >= 6 else { return TextWrapper.wrap(runs: [StyledRun(text, style: base)], width: width) }
        if !progress.isContinued(by: text, width: width, base: base) { progress = MarkdownProgress(width: width, base: base) }
        // After a line end, so on a character boundary in the longer text too.
        let start = text.utf8.index(text.startIndex, offsetBy: progress.settled.utf8.count)
        var rows = progress.rows
        var parser = progress.parser
        var settling: (end: String.Index, rowCount: Int, parser: MarkdownParser)?
        let sourceLines = MarkdownParser.lines(of: text[start...])
        for (number, line) in sourceLines.enumerated() {
            let step = parser.read(String(line))
            if number + 1 == sourceLines.count, case .block(.text(let text)) = step {
                // The line still growing: laid out on from its settled start.
                rows += progress.growingLine.rows(of: text, base: base)
            } else {
                rows += lines(of: step, width: width, base: base)
            }
            // A line followed by another has its line end, so what it added is settled.
            if number + 1 < sourceLines.count { settling = (sourceLines[number + 1].startIndex, rows.count, parser) }
        }
        if let settling {
            progress.settle(text[..<settling.end], rows: Array(rows[..<settling.rowCount]), parser: settling.parser)
        }
        return rows
    }

    /// The fenced code blocks of `text`, numbered as the transcript shows them.
    package static func codeBlocks(in text: String) -> [CodeBlock] {
        MarkdownParser.codeBlocks(in: text)
    }

    /// The rows one source line adds. Code sits in a frame with the language and the number
    /// `/copy code N` takes; code rows longer than the width continue on the next row after a
    /// dotted bar instead of being re-flowed.
    private static func lines(of step: MarkdownParser.Step, width: Int, base: Style) -> [[StyledRun]] {
        switch step {
        case .block(let block):
            return lines(of: block, width: width, base: base)
        case .codeOpened(let number, let language):
            return [[StyledRun("┌─ code \(number)" + (language.isEmpty ? "" : " · \(language)"), style: .codeFrame)]]
        case .codeLine(let line):
            return cut(expandingTabs(line), width: width - 2).enumerated().map { index, piece in
                [StyledRun(index == 0 ? "│ " : "┆ ", style: .codeFrame), StyledRun(piece, style: .codeBlock)]
            }
        case .codeClosed:
            return [[StyledRun("└─", style: .codeFrame)]]
        }
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
            return prefixed(
                InlineMarkdown.runs(text, base: base), first: lead, rest: String(repeating: " ", count: DisplayWidth.of(lead)), style: .listMarker,
                width: width)
        case .listContinuation(let indent, let text):
            let lead = String(repeating: " ", count: min(indent, width / 2))
            return prefixed(InlineMarkdown.runs(text, base: base), first: lead, rest: lead, style: base, width: width)
        }
    }

    /// `runs` wrapped beside a prefix: `first` on the first row, `rest` on the others.
    private static func prefixed(_ runs: [StyledRun], first: String, rest: String, style: Style, width: Int) -> [[StyledRun]] {
        let room = max(1, width - DisplayWidth.of(first))
        return TextWrapper.wrap(runs: runs, width: room).enumerated().map { row, line in
            [StyledRun(row == 0 ? first : rest, style: style)] + line
        }
    }

    private static func expandingTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
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
