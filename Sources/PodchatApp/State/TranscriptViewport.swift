/// How the transcript is looked at: where it is scrolled to, whether text arrived below while
/// it was held, and whether replies show as raw text and their thinking in full. Positions are
/// rows of the laid-out transcript, counted with the same ``TranscriptLayout`` the view draws
/// with; only the messages scrolled across are laid out.
package struct TranscriptViewport: Sendable, Equatable {
    /// How many rows a mouse wheel notch scrolls.
    static let wheelRows = 3

    /// Where the transcript is scrolled to: following new text, or held where the user reads.
    package private(set) var scroll = TranscriptScroll.following
    /// Text arrived below while the transcript was held: the "new text below" marker shows.
    package private(set) var hasUnseenText = false
    /// Replies shown as the model wrote them instead of laid out as Markdown.
    package private(set) var showsRawText = false
    /// Every reply's thinking shown in full; otherwise a reply that has begun its answer shows
    /// its thinking folded to one line.
    package private(set) var showsThinking = false
    /// Replies with log probabilities shown shaded by each token's probability (F7).
    package private(set) var showsProbabilities = false
    /// The message the transcript's keys act on (`j` `k` move it): `r`, `e`, `[` `]` and the
    /// branch commands. Nil when none is picked: they act on the newest message.
    package private(set) var cursor: Int?
    /// With shading on, the token of the cursor's reply that `←` `→` picked: its probability
    /// and the alternatives the server listed show under the reply.
    package private(set) var tokenCursor: Int?
    /// The row picked in the conversation's map (F5, `/tree`) while it is open.
    package private(set) var mapSelection: Int?

    /// Back to the newest text, which then stays in view as it arrives.
    mutating func followNewestText() {
        scroll = .following
        hasUnseenText = false
    }

    /// `k` and `j`: the cursor moves `offset` messages of `count`, and the transcript shows
    /// the top of the message it lands on. From no cursor, `k` picks the newest message;
    /// moving past the newest drops the cursor and follows the newest text again.
    mutating func moveCursor(by offset: Int, count: Int) {
        guard count > 0 else { return }
        let target = cursor.map { $0 + offset } ?? (offset < 0 ? count - 1 : count)
        guard target < count else { return dropCursor() }
        let picked = max(0, target)
        cursor = picked
        tokenCursor = nil
        scroll = .anchored(entry: picked, row: 0)
    }

    /// `←` `→`: the token cursor moves `offset` tokens within message `message`'s `count`,
    /// which becomes the cursor's message; it starts at the first token (or the last, going
    /// back) and stops at either end.
    mutating func moveTokenCursor(by offset: Int, count: Int, message: Int) {
        guard count > 0 else { return }
        if cursor != message {
            cursor = message
            tokenCursor = nil
            scroll = .anchored(entry: message, row: 0)
        }
        let target = tokenCursor.map { $0 + offset } ?? (offset < 0 ? count - 1 : 0)
        tokenCursor = min(max(0, target), count - 1)
    }

    /// Opens the map with row `row` picked.
    mutating func openMap(at row: Int) {
        mapSelection = row
    }

    /// Moves the map's pick by `offset` within `count` rows.
    mutating func moveMapSelection(by offset: Int, count: Int) {
        guard let selected = mapSelection, count > 0 else { return }
        mapSelection = min(max(0, selected + offset), count - 1)
    }

    mutating func closeMap() {
        mapSelection = nil
    }

    /// No message is picked any more, and the newest text is followed.
    mutating func dropCursor() {
        cursor = nil
        tokenCursor = nil
        followNewestText()
    }

    /// The messages shown changed to `count`: a cursor past them is dropped.
    mutating func keepCursor(within count: Int) {
        if let cursor, cursor >= count { dropCursor() }
    }

    /// New text arrived: if the transcript is held, the marker says so.
    mutating func noteNewText() {
        if case .anchored = scroll { hasUnseenText = true }
    }

    mutating func toggleRawText() {
        showsRawText.toggle()
        followNewestText()
    }

    mutating func toggleProbabilities() {
        showsProbabilities.toggle()
    }

    mutating func toggleThinking() {
        showsThinking.toggle()
    }

    mutating func scrollUp(_ rows: Int, in layout: TranscriptLayout, height: Int) {
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

    mutating func scrollDown(_ rows: Int, in layout: TranscriptLayout, height: Int) {
        guard case .anchored(let entry, let row) = scroll else { return }
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

    mutating func scrollToTop(in layout: TranscriptLayout, height: Int) {
        guard Self.rowsLeft(layout, from: (0, 0), atMost: height + 1) > height else { return }
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
