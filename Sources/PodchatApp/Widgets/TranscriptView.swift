import PodchatCore

/// The conversation: each message under its author's label, replies with a footer saying how
/// they went, soft-wrapped to the area and scrolled so the newest text shows.
struct TranscriptView {
    let state: AppState

    func render(in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        let lines = state.entries.isEmpty
            ? welcomeLines(width: area.width) : conversationLines(width: area.width, rows: area.height + state.scrollOffset)
        let hiddenBelow = min(state.scrollOffset, max(0, lines.count - area.height))
        let end = lines.count - hiddenBelow
        let start = max(0, end - area.height)
        for (row, line) in lines[start..<end].enumerated() {
            screen.write(line.text, at: Point(x: area.x + line.indent, y: area.y + row), width: area.width - line.indent, style: line.style)
        }
        if hiddenBelow > 0 {
            let marker = " ↓ \(hiddenBelow) more lines (PgDn) "
            let width = DisplayWidth.of(marker)
            screen.write(marker, at: Point(x: area.maxX - width, y: area.maxY - 1), width: width, style: .statusBarAccent)
        }
    }

    /// The last `rows` lines of the conversation (all of them when it has fewer). Only the
    /// messages that reach the screen are wrapped, so a frame costs the same at message 10
    /// and at message 10,000.
    private func conversationLines(width: Int, rows: Int) -> [TranscriptLine] {
        var blocks: [[TranscriptLine]] = []
        var count = 0
        for index in state.entries.indices.reversed() {
            if count >= rows { break }
            let block = lines(of: state.entries[index], width: width, isFirst: index == state.entries.startIndex)
            count += block.count
            blocks.append(block)
        }
        return blocks.reversed().flatMap { $0 }
    }

    /// One message's lines: a blank line before it (but the first), its label, its text, and
    /// for a reply its footer and parameters.
    private func lines(of entry: TranscriptEntry, width: Int, isFirst: Bool) -> [TranscriptLine] {
        var lines: [TranscriptLine] = isFirst ? [] : [.blank]
        // Two columns of indent, one of margin before the panel's divider.
        let textWidth = width - 3
        lines.append(label(for: entry.role))
        lines += textLines(of: entry, width: textWidth)
        if entry.role == .assistant {
            if let footer = footer(for: entry) {
                lines += TextWrapper.wrap(footer.text, width: textWidth).map { TranscriptLine($0, style: footer.style, indent: 2) }
            }
            if let parameters = entry.parameters, entry.status != .streaming {
                lines += TextWrapper.wrap(Formatting.keepingTogether(Formatting.changedParameters(parameters)), width: textWidth)
                    .map { TranscriptLine($0, style: .dim, indent: 2) }
            }
        }
        return lines
    }

    /// The message's text; a reply with several choices shows each under `choice i/n`, the one
    /// that continues the conversation marked.
    private func textLines(of entry: TranscriptEntry, width: Int) -> [TranscriptLine] {
        guard entry.choices.count > 1 else {
            return entry.text.isEmpty ? [] : TextWrapper.wrap(entry.text, width: width).map { TranscriptLine($0, style: .messageText, indent: 2) }
        }
        var lines: [TranscriptLine] = []
        for (index, text) in entry.choices.enumerated() {
            let isChosen = index == entry.chosenChoice
            let title = "choice \(index + 1)/\(entry.choices.count)" + (isChosen ? " ✓ continues ([ ] or /choose N)" : "")
            lines.append(TranscriptLine(title, style: isChosen ? .assistantLabel : .footer, indent: 2))
            lines += TextWrapper.wrap(text, width: width - 2).map { TranscriptLine($0, style: isChosen ? .messageText : .dim, indent: 4) }
        }
        return lines
    }

    private func label(for role: Role) -> TranscriptLine {
        switch role {
        case .user: return TranscriptLine("You", style: .userLabel)
        case .assistant: return TranscriptLine("Assistant", style: .assistantLabel)
        case .system: return TranscriptLine("System", style: .systemLabel)
        }
    }

    private func footer(for entry: TranscriptEntry) -> (text: String, style: Style)? {
        switch entry.status {
        case .streaming: return (progress, .footer)
        case .complete: return statistics(of: entry).map { ($0, .footer) }
        case .truncated: return (joined(["truncated: the reply hit max_tokens (raise it in the panel)", statistics(of: entry)]), .footer)
        case .cancelled: return (joined(["cancelled", statistics(of: entry)]), .footer)
        case .timedOut: return (joined(["timed out on the server", statistics(of: entry)]), .error)
        case .failed(let message): return ("failed: \(message)", .error)
        }
    }

    /// What the reply being waited for is doing, for its footer.
    private var progress: String {
        guard let reply = state.activeReply else { return "…" }
        if let retry = reply.retry {
            return "retrying in \(Formatting.elapsed(retry.at - state.now)): \(retry.reason)"
        }
        let elapsed = Formatting.elapsed(state.now - reply.requestedAt)
        if reply.jobID == nil { return "sending…" }
        if reply.startedAt == nil { return "queued \(elapsed), waiting for a worker" }
        return reply.firstTokenAt == nil ? "running \(elapsed), waiting for the first token" : "streaming…"
    }

    /// Footer parts keep their label and value together: spaces inside a part do not break.
    private func statistics(of entry: TranscriptEntry) -> String? {
        let parts = statisticParts(of: entry)
        return parts.isEmpty ? nil : Formatting.keepingTogether(parts)
    }

    private func statisticParts(of entry: TranscriptEntry) -> [String] {
        var parts: [String] = []
        if let tokens = entry.usage?.completionTokens {
            parts.append("\(tokens) tokens")
            if let first = entry.firstTokenAt, let last = entry.finishedAt, last > first, tokens > 1 {
                parts.append("\(formatDecimal(Double(tokens) / (last - first).seconds, places: 1)) tok/s")
            }
        }
        if let requested = entry.requestedAt, let first = entry.firstTokenAt {
            parts.append("first token \(Formatting.elapsed(first - requested))")
        }
        if let jobID = entry.jobID { parts.append("job \(Formatting.shortJobID(jobID))") }
        return parts
    }

    private func joined(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.joined(separator: " · ")
    }

    private func welcomeLines(width: Int) -> [TranscriptLine] {
        var paragraphs: [(String, Style)] = [
            ("podchat: chat with LLMs on Runpod Serverless vLLM endpoints.", .title),
            ("", .normal),
        ]
        if state.isDemo {
            paragraphs += [
                ("Demo mode: replies come from the built-in simulator (\(state.endpointLabel)), over real HTTP.", .messageText),
                ("To chat with your endpoint, run podchat --endpoint YOUR_ENDPOINT_ID with the key in RUNPOD_API_KEY, or set \"endpoint_id\" in ~/.config/podchat/config.json.", .dim),
                ("", .normal),
            ]
        }
        paragraphs += [
            ("Type a message and press Enter. Alt-Enter or Ctrl-J adds a line, Esc stops a reply, Tab moves to the sampling panel (or /set NAME VALUE), F2 shows or hides it, Ctrl-O opens saved conversations, Ctrl-Q quits.", .dim)
        ]
        return paragraphs.flatMap { text, style in
            text.isEmpty ? [TranscriptLine.blank] : TextWrapper.wrap(text, width: width - 2).map { TranscriptLine($0, style: style, indent: 1) }
        }
    }
}
