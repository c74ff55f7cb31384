import PodchatCore

/// The conversation's map (F5, `/tree`), over the transcript: each run of messages without a
/// fork on one row (its first message, and its last when there are more), the branches of each
/// fork indented under it, the current branch marked, the picked row highlighted.
struct TreeMapView {
    let state: AppState
    let selection: Int

    func render(in area: Rect, on screen: inout Screen) {
        guard area.height > 2 else { return }
        screen.fill(area, style: .normal)
        let title = "Map · \(state.conversation.tree.messageCount) messages · ↑↓ pick · Enter shows that branch · Esc closes"
        screen.write(title, at: Point(x: area.x + 1, y: area.y), width: area.width - 1, style: .title)
        let rows = TreeOutline(state.conversation.tree).rows
        let visible = area.height - 2
        let first = max(0, min(selection - visible / 2, rows.count - visible))
        for (offset, index) in (first..<min(rows.count, first + visible)).enumerated() {
            let row = rows[index]
            let style: Style = index == selection ? .panelSelection : row.isCurrent ? .assistantLabel : .normal
            screen.write(text(of: row), at: Point(x: area.x + 1, y: area.y + 2 + offset), width: area.width - 2, style: style)
        }
    }

    private func text(of row: TreeOutline.Row) -> String {
        let tree = state.conversation.tree
        let branch = row.depth == 0 ? "" : String(repeating: "│  ", count: row.depth - 1) + (row.isLastSibling ? "└─ " : "├─ ")
        var text = branch + summary(of: tree.entry(of: row.first))
        if row.count > 2 { text += " → … \(row.count - 2) more → " + summary(of: tree.entry(of: row.last)) }
        if row.count == 2 { text += " → " + summary(of: tree.entry(of: row.last)) }
        return text + (row.isCurrent ? "  ← shown" : "")
    }

    /// "You: the first line", cut short; a reply that has no text yet says so.
    private func summary(of entry: TranscriptEntry?) -> String {
        guard let entry else { return "" }
        let name: String
        switch entry.role {
        case .user: name = "You"
        case .assistant: name = "Assistant"
        case .system: name = "System"
        }
        let line = entry.text.split(separator: "\n").first.map(String.init) ?? "(no text)"
        return "\(name): " + (line.count > 40 ? String(line.prefix(39)) + "…" : line)
    }
}
