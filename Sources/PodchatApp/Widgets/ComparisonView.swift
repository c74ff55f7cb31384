import PodchatCore

/// A compare on screen, in the transcript's place: what the two sides are, the question, then
/// side A and side B, each with its changes, its reply and its footer. Side by side when the
/// transcript is wide enough, stacked when not; each side shows the end of its reply as it
/// grows, as the transcript does.
struct ComparisonView {
    /// Narrower than this, the sides are stacked: two columns of under 45 would wrap most
    /// lines of a reply.
    static let sideBySideMinimumWidth = 90

    let state: AppState
    let comparison: Comparison

    func render(in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        let header = headerLines(width: area.width)
        for (row, line) in header.prefix(area.height).enumerated() {
            line.draw(at: Point(x: area.x, y: area.y + row), width: area.width, on: &screen)
        }
        let body = Rect(x: area.x, y: area.y + header.count, width: area.width, height: area.height - header.count)
        guard !body.isEmpty, comparison.sides.count == 2 else { return }
        if body.width >= Self.sideBySideMinimumWidth {
            let left = (body.width - 1) / 2
            render(comparison.sides[0], in: Rect(x: body.x, y: body.y, width: left, height: body.height), on: &screen)
            for row in body.y..<body.maxY { screen.write("│", at: Point(x: body.x + left, y: row), width: 1, style: .border) }
            render(comparison.sides[1], in: Rect(x: body.x + left + 1, y: body.y, width: body.width - left - 1, height: body.height), on: &screen)
        } else {
            let top = (body.height - 1) / 2
            render(comparison.sides[0], in: Rect(x: body.x, y: body.y, width: body.width, height: top), on: &screen)
            screen.write(String(repeating: "─", count: body.width), at: Point(x: body.x, y: body.y + top), width: body.width, style: .border)
            render(comparison.sides[1], in: Rect(x: body.x, y: body.y + top + 1, width: body.width, height: body.height - top - 1), on: &screen)
        }
    }

    /// What is compared and the keys, then the question both sides answer.
    private func headerLines(width: Int) -> [TranscriptLine] {
        let keys = comparison.isStreaming ? "Esc stops both" : "1 keeps A · 2 keeps B · Esc closes (B continues)"
        let title = TranscriptLine(
            runs: [StyledRun("Compare", style: .title), StyledRun(" · seed \(comparison.seed) for both · \(keys)", style: .dim)])
        let question = state.conversation.entries.last { $0.role == .user }?.text ?? ""
        let firstLine = question.split(separator: "\n").first.map(String.init) ?? ""
        return [title, TranscriptLine(runs: [StyledRun("You  ", style: .userLabel), StyledRun(firstLine, style: .messageText)]), .blank]
    }

    /// One side: its label and changes, the values that differ, then the end of its reply.
    private func render(_ side: Comparison.Side, in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty, let entry = state.conversation.tree.entry(of: side.message) else { return }
        let what = side.changes.isEmpty ? "the panel" : side.changes
        var lines = [TranscriptLine(runs: [StyledRun(side.label, style: .assistantLabel), StyledRun(" · \(what)", style: .dim)])]
        if let differs = differingValues(of: entry) { lines.append(TranscriptLine(differs, style: .panelValueChanged, indent: 2)) }
        let reply = TranscriptLayout(state: state, width: area.width, cache: nil).textAndFooter(of: entry)
        lines += reply.suffix(max(0, area.height - lines.count))
        for (row, line) in lines.prefix(area.height).enumerated() {
            line.draw(at: Point(x: area.x, y: area.y + row), width: area.width, on: &screen)
        }
    }

    /// The values this side was sent with for the parameters the sides differ in.
    private func differingValues(of entry: TranscriptEntry) -> String? {
        guard let sent = entry.parameters else { return nil }
        let parts = SamplingParameter.all.filter { comparison.differing.contains($0.name) }.map { parameter in
            sent.value(of: parameter).map { "\(parameter.name) \(parameter.format($0))" } ?? "\(parameter.name) unset"
        }
        return parts.isEmpty ? nil : "differs: " + parts.joined(separator: " · ")
    }
}
