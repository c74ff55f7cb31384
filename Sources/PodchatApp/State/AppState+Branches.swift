import PodchatCore

/// The conversation's branches: which sibling the path follows, a reply's choices through the
/// same keys, and removing a branch. They act on the message at the transcript's cursor, or
/// without one on the newest message that has choices or siblings.
extension AppState {
    /// `[` and `]`: the previous or next choice of a reply that has several, else the previous
    /// or next branch at that message.
    mutating func cycleAlternative(by offset: Int) -> [Effect] {
        guard let index = alternativeTarget else {
            show("No choices or branches here: r regenerates a reply, e edits a message; both keep the old one", expiresIn: .seconds(4))
            return []
        }
        if conversation.entries[index].choices.count > 1 {
            cycleChosenChoice(at: index, by: offset)
            return []
        }
        return switchBranch(at: index, by: offset)
    }

    /// `/branch next|previous|delete`.
    mutating func runBranch(_ words: [String]) -> CommandOutcome {
        guard words.count == 1 else { return refuse("Usage: /branch next, /branch previous, /branch delete") }
        switch words[0] {
        case "next": return .done(switchBranch(at: branchTarget, by: 1))
        case "previous", "prev": return .done(switchBranch(at: branchTarget, by: -1))
        case "delete": return deleteBranch(at: branchTarget)
        default: return refuse("Usage: /branch next, /branch previous, /branch delete")
        }
    }

    private mutating func switchBranch(at index: Int?, by offset: Int) -> [Effect] {
        guard let index, let position = conversation.switchBranch(at: index, by: offset) else {
            show("No other branch here: r regenerates a reply, e edits a message", expiresIn: .seconds(4))
            return []
        }
        viewport.keepCursor(within: conversation.entries.count)
        show("Branch \(position.number)/\(position.count) at message \(index + 1) ([ ] or /branch next|previous)", expiresIn: .seconds(4))
        return saveEffects()
    }

    private mutating func deleteBranch(at index: Int?) -> CommandOutcome {
        guard !reply.isBusy else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard let index, conversation.deleteBranch(at: index, at: window.wallTime) else {
            return refuse("No branch to delete here: only a message with siblings (‹ 1/2 ›) can go", for: .seconds(4))
        }
        viewport.keepCursor(within: conversation.entries.count)
        let now = conversation.entries[index].branch.map { "branch \($0.number)/\($0.count)" } ?? "the only branch left"
        show("Deleted that branch at message \(index + 1); showing \(now)", expiresIn: .seconds(5))
        return .done(saveEffects())
    }

    /// The message `[` `]` act on: the cursor's, else the newest with choices or siblings.
    private var alternativeTarget: Int? {
        if let cursor = viewport.cursor, conversation.entries.indices.contains(cursor) { return cursor }
        return conversation.entries.lastIndex { $0.choices.count > 1 || $0.branch != nil }
    }

    /// The message the branch commands act on: the cursor's, else the newest with siblings.
    private var branchTarget: Int? {
        if let cursor = viewport.cursor, conversation.entries.indices.contains(cursor) { return cursor }
        return conversation.entries.lastIndex { $0.branch != nil }
    }
}

/// The conversation's map (F5, `/tree`): every branch as a row, the current one picked; Enter
/// shows the picked branch.
extension AppState {
    mutating func openMap() -> CommandOutcome {
        let outline = TreeOutline(conversation.tree)
        guard !outline.rows.isEmpty else { return refuse("No messages yet: the map shows a conversation's branches", for: .seconds(3)) }
        viewport.openMap(at: outline.rows.firstIndex(where: \.isCurrent) ?? 0)
        return .done
    }

    mutating func handleMapKey(_ key: Key) -> [Effect] {
        if let action = Keymap.action(for: [key], in: .map) ?? Keymap.action(for: [key], in: .anywhere) { return perform(action) }
        viewport.closeMap()
        return []
    }

    mutating func perform(_ action: KeyAction.Map) -> [Effect] {
        let rows = TreeOutline(conversation.tree).rows
        switch action {
        case .selectPrevious: viewport.moveMapSelection(by: -1, count: rows.count)
        case .selectNext: viewport.moveMapSelection(by: 1, count: rows.count)
        case .close: viewport.closeMap()
        case .jump:
            guard let selected = viewport.mapSelection, rows.indices.contains(selected) else { return [] }
            viewport.closeMap()
            guard !reply.isBusy else {
                show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
                return []
            }
            _ = conversation.jump(to: rows[selected].last)
            viewport.dropCursor()
            show("Showing that branch ([ ] switch at a fork, F5 the map)", expiresIn: .seconds(4))
            return saveEffects()
        }
        return []
    }
}
