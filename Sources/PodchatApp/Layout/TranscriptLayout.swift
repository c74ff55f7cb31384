import PodchatCore

/// The transcript's rows, one block per message: a blank separator (but for the first), the
/// author's label, the text (Markdown laid out for replies, unless raw text is asked for), and
/// for replies a footer saying how they went. The view draws from it and scrolling counts
/// rows with it, so both agree on every row.
struct TranscriptLayout {
    let state: AppState
    /// The transcript area's width.
    let width: Int
    let cache: TranscriptCache?

    /// Two columns of indent, one of margin before the panel's divider.
    private var textWidth: Int { width - 3 }

    var entryCount: Int { state.conversation.entries.count }

    /// The rows of message `index`'s block.
    func rows(ofEntry index: Int) -> [TranscriptLine] {
        let entry = state.conversation.entries[index]
        var lines: [TranscriptLine] = index > 0 ? [.blank] : []
        lines.append(label(for: entry, isAtCursor: state.viewport.cursor == index))
        if entry.role == .assistant { lines += thinkingLines(of: entry, at: index) }
        let key = TranscriptCache.Key(
            role: entry.role, choices: entry.choices, chosenChoice: entry.chosenChoice, width: width, showsRawText: state.viewport.showsRawText)
        if let shaded = shadedText(of: entry, at: index) {
            // Shaded replies are few and short-lived on screen: laid out each frame, not cached.
            lines += shaded
        } else if let cache {
            lines += cache.lines(forEntry: index, key: key, isGrowing: entry.status == .streaming) { body(of: entry, continuing: &$0) }
        } else {
            var progress = MarkdownProgress()
            lines += body(of: entry, continuing: &progress)
        }
        if entry.role == .assistant { lines += footerLines(of: entry, at: index) }
        return lines
    }

    /// The `height` rows on screen for the state's scroll position, and whether the view is
    /// held above the newest text.
    func window(height: Int) -> (lines: [TranscriptLine], isAnchored: Bool) {
        if case .anchored(let entry, let row) = state.viewport.scroll, let lines = rows(from: entry, row: row, count: height) {
            return (lines, true)
        }
        return (bottomRows(count: height), false)
    }

    /// `count` rows from row `row` of message `entry` down, or nil when fewer are left.
    private func rows(from entry: Int, row: Int, count: Int) -> [TranscriptLine]? {
        guard entry < entryCount else { return nil }
        let first = rows(ofEntry: entry)
        var lines = Array(first.dropFirst(min(row, first.count - 1)))
        var next = entry + 1
        while lines.count < count && next < entryCount {
            lines += rows(ofEntry: next)
            next += 1
        }
        return lines.count >= count ? Array(lines.prefix(count)) : nil
    }

    /// The last `count` rows; only the messages that reach the screen are laid out.
    private func bottomRows(count: Int) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        var index = entryCount - 1
        while index >= 0 && lines.count < count {
            lines = rows(ofEntry: index) + lines
            index -= 1
        }
        return Array(lines.suffix(count))
    }

    // MARK: - A message's parts

    /// The author's name, then ‹ 2/3 › when the message has siblings; the message at the
    /// transcript's cursor is marked, its name highlighted.
    private func label(for entry: TranscriptEntry, isAtCursor: Bool) -> TranscriptLine {
        let (name, style): (String, Style)
        switch entry.role {
        case .user: (name, style) = ("You", .userLabel)
        case .assistant: (name, style) = ("Assistant", .assistantLabel)
        case .system: (name, style) = ("System", .systemLabel)
        }
        var runs = [isAtCursor ? StyledRun("▸ \(name)", style: .panelSelection) : StyledRun(name, style: style)]
        if let branch = entry.branch { runs.append(StyledRun("  ‹ \(branch.number)/\(branch.count) ›", style: .footer)) }
        if isAtCursor { runs.append(StyledRun("  j k move · [ ] branch · r e · Enter back", style: .dim)) }
        return TranscriptLine(runs: runs)
    }

    /// The message's text; a reply with several choices shows each under `choice i/n`, the one
    /// that continues the conversation marked. A reply of one choice is laid out going on from
    /// `progress` (see ``MarkdownProgress``).
    private func body(of entry: TranscriptEntry, continuing progress: inout MarkdownProgress) -> [TranscriptLine] {
        if let shaded = shadedText(of: entry, at: nil) { return shaded }
        guard entry.choices.count > 1 else {
            return entry.text.isEmpty ? [] : text(entry.text, role: entry.role, width: textWidth, indent: 2, continuing: &progress)
        }
        var lines: [TranscriptLine] = []
        for (index, text) in entry.choices.enumerated() {
            let isChosen = index == entry.chosenChoice
            let title = "choice \(index + 1)/\(entry.choices.count)" + (isChosen ? " ✓ continues ([ ] or /choose N)" : "")
            lines.append(TranscriptLine(title, style: isChosen ? .assistantLabel : .footer, indent: 2))
            // Several choices grow side by side, so none of them goes on from an earlier layout.
            var unshared = MarkdownProgress()
            lines +=
                isChosen
                ? self.text(text, role: entry.role, width: textWidth - 2, indent: 4, continuing: &unshared)
                : TextWrapper.wrap(text, width: textWidth - 2).map { TranscriptLine($0, style: .dim, indent: 4) }
        }
        return lines
    }

    /// A reply's thinking: in full, dim under its heading, while the model thinks and whenever
    /// the user unfolds it; once the answer has begun, folded to one summary line.
    private func thinkingLines(of entry: TranscriptEntry, at index: Int) -> [TranscriptLine] {
        guard !entry.reasoning.isEmpty else { return [] }
        let summary = Self.thinkingSummary(of: entry)
        // Without an answer there is nothing to fold the thinking away for.
        let canFold = !entry.text.isEmpty
        guard !canFold || state.viewport.showsThinking else {
            return [TranscriptLine("▸ \(summary) · F4 unfolds", style: .thinkingHeading, indent: 2)]
        }
        let heading = entry.isThinking ? "▾ thinking…" : canFold ? "▾ \(summary) · F4 folds" : "▾ \(summary)"
        let width = textWidth - 2
        let wrapped =
            cache?.thinkingLines(forEntry: index, text: entry.reasoning, width: width)
            ?? TextWrapper.wrap(entry.reasoning, width: width)
        return [TranscriptLine(heading, style: .thinkingHeading, indent: 2)] + wrapped.map { TranscriptLine($0, style: .thinking, indent: 4) }
    }

    /// "thought for 4.2s · ≈312 tokens": how long the model thought and about how many tokens
    /// it spent (usage does not split thinking from answer, so the share is estimated from the
    /// lengths of the two texts).
    static func thinkingSummary(of entry: TranscriptEntry) -> String {
        var parts = ["thought" + (entry.thinkingDuration.map { " for \(Formatting.elapsed($0))" } ?? "")]
        if let tokens = thinkingTokens(of: entry) { parts.append("≈\(tokens) tokens") }
        return parts.joined(separator: " · ")
    }

    private static func thinkingTokens(of entry: TranscriptEntry) -> Int? {
        guard let completion = entry.usage?.completionTokens, entry.choices.count == 1 else { return nil }
        let thought = Double(entry.reasoning.unicodeScalars.count)
        let total = thought + Double(entry.text.unicodeScalars.count)
        return total > 0 ? Int((Double(completion) * thought / total).rounded()) : nil
    }

    /// With F7, a reply whose tokens came with log probabilities, as the raw text with each token
    /// styled by how likely the model found it; nil when it cannot be shaded (no log
    /// probabilities, several choices, or tokens that do not spell the text, as after a repair).
    /// The transcript's message `index` at the cursor shows its token cursor: that token
    /// highlighted, and a line on it.
    private func shadedText(of entry: TranscriptEntry, at index: Int?) -> [TranscriptLine]? {
        guard state.viewport.showsProbabilities, let tokens = entry.shadeableTokens else { return nil }
        let picked = index != nil && index == state.viewport.cursor ? state.viewport.tokenCursor : nil
        let runs = tokens.enumerated().map { place, token in
            StyledRun(token.token, style: place == picked ? .panelSelection : Style.shade(ofProbability: token.probability))
        }
        let cursorLines = picked.map { pickedTokenLines(tokens, at: $0) } ?? []
        return TextWrapper.wrap(runs: runs, width: textWidth).map { TranscriptLine(runs: $0, indent: 2) }
            + cursorLines + leastLikelyLines(of: tokens)
    }

    /// The token cursor's line: `token 12/86 'blue' 12 % · alternatives: 'red' 40 %, 'green' 30 %`.
    private func pickedTokenLines(_ tokens: [TokenLogprob], at place: Int) -> [TranscriptLine] {
        let token = tokens[place]
        let text = "token \(place + 1)/\(tokens.count) " + Self.described(token, listing: "alternatives")
        return TextWrapper.wrap(text, width: textWidth).map { TranscriptLine($0, style: .assistantLabel, indent: 2) }
    }

    /// `'blue' 12 % · instead: 'red' 40 %, 'green' 30 %`: a token, its probability and up to
    /// three alternatives the server listed (`listing` names them).
    private static func described(_ token: TokenLogprob, listing: String) -> String {
        // A token and its percentage never part at a line break.
        func percent(_ probability: Double) -> String { "\u{A0}\(Int((probability * 100).rounded()))\u{A0}%" }
        func shown(_ token: String) -> String { "'" + String(token.map { $0 == "\n" ? "⏎" : $0 == " " ? "\u{A0}" : $0 }) + "'" }
        let others = token.alternatives.filter { $0.token != token.token }.prefix(3).map { alternative in
            shown(alternative.token) + percent(TokenLogprob(token: alternative.token, logprob: alternative.logprob).probability)
        }
        return shown(token.token) + percent(token.probability) + (others.isEmpty ? "" : " · \(listing): " + others.joined(separator: ", "))
    }

    /// The three least likely tokens, each with its probability and the alternatives the server
    /// listed, e.g. `'blue' 12 % · instead: 'red' 40 %, 'green' 30 %`.
    private func leastLikelyLines(of tokens: [TokenLogprob]) -> [TranscriptLine] {
        let least = tokens.sorted { $0.logprob < $1.logprob }.prefix(3).filter { $0.probability < 0.9 }
        return least.flatMap { token in
            TextWrapper.wrap("least likely: " + Self.described(token, listing: "instead"), width: textWidth).map {
                TranscriptLine($0, style: .footer, indent: 2)
            }
        }
    }

    /// Replies are Markdown; what the user and the system prompt say is shown as typed.
    private func text(_ text: String, role: Role, width: Int, indent: Int, continuing progress: inout MarkdownProgress) -> [TranscriptLine] {
        let rows =
            role == .assistant && !state.viewport.showsRawText
            ? MarkdownRenderer.lines(of: text, width: width, base: .messageText, continuing: &progress)
            : TextWrapper.wrap(runs: [StyledRun(text, style: .messageText)], width: width)
        return rows.map { TranscriptLine(runs: $0, indent: indent) }
    }

    /// A reply's text and footer laid out on their own, for a view that shows it outside the
    /// transcript (a compare's columns); not cached, since such a view shows two replies.
    func textAndFooter(of entry: TranscriptEntry) -> [TranscriptLine] {
        var progress = MarkdownProgress()
        let thinking = entry.isThinking ? [TranscriptLine("thinking…", style: .thinkingHeading, indent: 2)] : []
        return thinking + body(of: entry, continuing: &progress) + footerLines(of: entry, at: nil)
    }

    /// How the reply went; once it has ended, the parameters it was sent with, its seed last
    /// (so it can be read off and re-run), and, for the transcript's message `index`, how it
    /// compares with siblings sent the same.
    private func footerLines(of entry: TranscriptEntry, at index: Int?) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        if let footer = footer(for: entry, at: index) { lines += footerRows(footer.text, style: footer.style) }
        guard entry.status != .streaming else { return lines }
        if let parameters = entry.parameters {
            var others = parameters
            others.unset(.seed)
            lines += footerRows(Formatting.keepingTogether(Formatting.changedParameters(others) + [Formatting.seed(of: parameters)]), style: .dim)
        }
        if let index, let reproduction = state.conversation.reproduction(at: index) {
            lines += footerRows(Self.text(of: reproduction), style: Self.style(of: reproduction))
        }
        return lines
    }

    private func footerRows(_ text: String, style: Style) -> [TranscriptLine] {
        // The width alone is captured: a closure holding the layout copied the whole state.
        let width = textWidth
        func wrap() -> [TranscriptLine] { TextWrapper.wrap(text, width: width).map { TranscriptLine($0, style: style, indent: 2) } }
        return cache?.footerRows(text, style: style, width: width, wrap: wrap) ?? wrap()
    }

    /// The ⚠ line when a sibling sent the same parameters and seed gave another text; the ✓
    /// line when each gave this one.
    static func text(of reproduction: Reproduction) -> String {
        func places(_ positions: [BranchPosition]) -> String {
            positions.map { "‹\($0.number)/\($0.count)›" }.joined(separator: ", ")
        }
        switch reproduction {
        case .differed(let positions):
            return "⚠ same seed and parameters as \(places(positions)) gave a different text (vLLM may batch nondeterministically)"
        case .reproduced(let positions): return "✓ reproduced \(places(positions)): same seed and parameters, same text"
        }
    }

    private static func style(of reproduction: Reproduction) -> Style {
        switch reproduction {
        case .differed: .error
        case .reproduced: .footer
        }
    }

    private func footer(for entry: TranscriptEntry, at index: Int?) -> (text: String, style: Style)? {
        let writer = index.flatMap { state.conversation.changedEndpoint(at: $0) }.map { "from \($0)" }
        switch entry.status {
        case .streaming: return (joined([writer, progress(of: entry)]), .footer)
        case .complete: return statistics(of: entry, writer: writer).map { ($0, .footer) }
        case .truncated where entry.text.isEmpty && !entry.reasoning.isEmpty:
            let limit = entry.parameters?.number(of: .maxTokens).map { "all \(Int($0)) tokens" } ?? "all its tokens"
            return (
                joined(["the model used \(limit) thinking: raise max_tokens (/set max_tokens N)", statistics(of: entry, writer: writer)]), .error
            )
        case .truncated:
            return (joined(["truncated — raise max_tokens (the panel or /set max_tokens N)", statistics(of: entry, writer: writer)]), .footer)
        case .cancelled: return (joined(["cancelled", statistics(of: entry, writer: writer)]), .footer)
        case .timedOut: return (joined(["timed out on the server", statistics(of: entry, writer: writer)]), .error)
        case .failed(let message): return (joined(["failed: \(message)", writer]), .error)
        }
    }

    /// What a reply still coming is doing, for its footer.
    private func progress(of reply: TranscriptEntry) -> String {
        if let retry = state.reply.active?.retry {
            return "retrying in \(Formatting.elapsed(retry.at - state.window.now)): \(retry.reason)"
        }
        // Formatted only when shown: not for "streaming…", the footer of every streamed frame.
        var elapsed: String { Formatting.elapsed(state.window.now - (reply.requestedAt ?? state.window.now)) }
        // A job is queued once it has an id; an OpenAI-compatible server names none, so its
        // reply is "sending…" only until it starts.
        if reply.startedAt == nil { return reply.jobID == nil ? "sending…" : "queued \(elapsed), waiting for a worker" }
        if reply.firstTokenAt == nil { return "running \(elapsed), waiting for the first token" }
        return reply.isThinking ? "thinking \(elapsed)…" : "streaming…"
    }

    /// Footer parts keep their label and value together: spaces inside a part do not break.
    /// `writer` names the endpoint first when it is not the one before.
    private func statistics(of entry: TranscriptEntry, writer: String?) -> String? {
        let parts = [writer].compactMap { $0 } + statisticParts(of: entry)
        return parts.isEmpty ? nil : Formatting.keepingTogether(parts)
    }

    private func statisticParts(of entry: TranscriptEntry) -> [String] {
        var parts: [String] = []
        if let requested = entry.requestedAt, let started = entry.startedAt, started - requested >= .milliseconds(500) {
            parts.append("queued \(Formatting.elapsed(started - requested))")
        }
        if let requested = entry.requestedAt, let first = entry.firstTokenAt {
            parts.append("first token \(Formatting.elapsed(first - requested))")
        }
        if let tokens = entry.usage?.completionTokens {
            parts.append("\(tokens) tokens")
            if let first = entry.firstTokenAt, let last = entry.finishedAt, last > first, tokens > 1 {
                parts.append("\(formatDecimal(Double(tokens) / (last - first).seconds, places: 1)) tok/s")
            }
        }
        // Runpod bills the execution time it reports; the OpenAI route reports none.
        if let executed = entry.executionMilliseconds {
            parts.append("ran \(Formatting.elapsed(.milliseconds(executed)))")
            if let cost = state.replyCost(of: entry) { parts.append(GPUPrice.formatted(cost)) }
        }
        switch entry.status {
        case .complete: parts.append("finish stop")
        case .truncated: parts.append("finish length")
        case .streaming, .cancelled, .timedOut, .failed: break
        }
        if let jobID = entry.jobID { parts.append("job \(Formatting.shortJobID(jobID))") }
        if entry.wasRepaired { parts.append("repaired from the job's final output") }
        return parts
    }

    private func joined(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.joined(separator: " · ")
    }
}
