/// Scrolling the transcript. Positions are rows of the laid-out transcript, counted with the
/// same ``TranscriptLayout`` the view draws with; only the messages scrolled across are laid
/// out, so scrolling costs the same in a long conversation as in a short one.
extension AppState {
    /// How many rows a mouse wheel notch scrolls.
    static let wheelRows = 3

    /// The transcript's rows as they are on screen now.
    private var transcriptLayout: (layout: TranscriptLayout, height: Int)? {
        guard let area = AppView.layout(for: self)?.transcript, !area.isEmpty else { return nil }
        return (TranscriptLayout(state: self, width: area.width, cache: nil), area.height)
    }

    var pageRows: Int {
        max(1, (transcriptLayout?.height ?? 2) - 1)
    }

    /// Back to the newest text, which then stays in view as it arrives.
    mutating func followNewestText() {
        scroll = .following
        hasUnseenText = false
    }

    mutating func scrollUp(_ rows: Int) {
        guard let (layout, height) = transcriptLayout else { return }
        let top: (entry: Int, row: Int)
        switch scroll {
        case .anchored(let entry, let row): top = (entry, row)
        case .following:
            guard let bottomTop = Self.position(layout, before: (layout.entryCount, 0), rows: height), bottomTop != (0, 0) else { return }
            top = bottomTop
        }
        let moved = Self.position(layout, before: top, rows: rows) ?? (0, 0)
        scroll = .anchored(entry: moved.entry, row: moved.row)
    }

    mutating func scrollDown(_ rows: Int) {
        guard case .anchored(let entry, let row) = scroll, let (layout, height) = transcriptLayout else { return }
        var position = (entry: entry, row: row)
        var remaining = rows
        while remaining > 0 && position.entry < layout.entryCount {
            let left = layout.rows(ofEntry: position.entry).count - 1 - position.row
            if remaining <= left {
                position.row += remaining
                remaining = 0
            } else {
                remaining -= left + 1
                position = (position.entry + 1, 0)
            }
        }
        if Self.rowsLeft(layout, from: position, atMost: height + 1) <= height {
            followNewestText()
        } else {
            scroll = .anchored(entry: position.entry, row: position.row)
        }
    }

    mutating func scrollToTop() {
        guard let (layout, height) = transcriptLayout, Self.rowsLeft(layout, from: (0, 0), atMost: height + 1) > height else { return }
        scroll = .anchored(entry: 0, row: 0)
    }

    /// The position `rows` rows above `position`, or nil when the top comes first.
    private static func position(_ layout: TranscriptLayout, before position: (entry: Int, row: Int), rows: Int) -> (entry: Int, row: Int)? {
        var (entry, row) = position
        var remaining = rows
        while remaining > row {
            remaining -= row
            guard entry > 0 else { return nil }
            entry -= 1
            row = layout.rows(ofEntry: entry).count
        }
        return (entry, row - remaining)
    }

    /// The rows from `position` to the end, counting no further than `limit`.
    private static func rowsLeft(_ layout: TranscriptLayout, from position: (entry: Int, row: Int), atMost limit: Int) -> Int {
        guard position.entry < layout.entryCount else { return 0 }
        var count = layout.rows(ofEntry: position.entry).count - position.row
        var entry = position.entry + 1
        while count < limit && entry < layout.entryCount {
            count += layout.rows(ofEntry: entry).count
            entry += 1
        }
        return count
    }
}
