import PodchatCore

/// What the user does with the last exchange: regenerate the reply, edit the message and send
/// it again, copy the reply or one of its code blocks.
extension AppState {
    /// `/regen` and `r` in the transcript: a new reply to the same messages, as a sibling of the
    /// reply at the cursor (or the last one); the old reply and what followed it stay a branch.
    mutating func regenerate() -> CommandOutcome {
        guard !reply.isBusy else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard let index = regenerationTarget, conversation.rewindForRegeneration(at: index) else {
            return refuse("Nothing to regenerate: send a message first", for: .seconds(3))
        }
        viewport.dropCursor()
        return .done(requestReply())
    }

    /// `/rerun`: the reply at the cursor (or the last one) asked for again with exactly the
    /// parameters it was sent with, its seed included, whatever the panel says now; the new
    /// reply is its sibling, so the two can be compared (see ``Conversation/reproduction(at:)``).
    mutating func rerun() -> CommandOutcome {
        guard reply.active == nil else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        let entries = conversation.entries
        guard let index = regenerationTarget, entries.indices.contains(index), entries[index].role == .assistant else {
            return refuse("Nothing to re-run: send a message first", for: .seconds(3))
        }
        guard let recorded = entries[index].parameters else {
            return refuse("That reply has no recorded parameters to re-run with: /regen asks again with the panel's", for: .seconds(5))
        }
        guard conversation.rewindForRegeneration(at: index) else { return refuse("Nothing to re-run: send a message first", for: .seconds(3)) }
        viewport.dropCursor()
        return .done(requestReply(with: recorded))
    }

    /// `/edit` and `e` in the transcript: the message at the cursor (or the last of yours) goes
    /// into the input; Enter sends it as a new branch beside the old one, Esc cancels.
    mutating func editMessage() -> CommandOutcome {
        guard !reply.isBusy else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard let index = editTarget, let text = conversation.beginEdit(at: index) else {
            return refuse("No message of yours to edit yet", for: .seconds(3))
        }
        guard composer.input.isBlank else {
            conversation.cancelEdit()
            return refuse("The input has text: send or clear it first (Ctrl-U)", for: .seconds(4))
        }
        composer.replace(with: text)
        window.focus(on: .input)
        show("Editing message \(index + 1): Enter sends it as a new branch (the old one stays), Esc cancels", expiresIn: .seconds(6))
        return .done
    }

    /// Esc with an edit pending: the message stays as it was and the input is cleared.
    mutating func cancelEdit() {
        conversation.cancelEdit()
        _ = composer.take()
        show("Edit cancelled: the message stays as it was", expiresIn: .seconds(3))
    }

    /// The reply `r` replaces: the one at the cursor (or after the message at it), else the
    /// last message when it is a reply.
    private var regenerationTarget: Int? {
        let entries = conversation.entries
        guard let cursor = viewport.cursor, entries.indices.contains(cursor) else {
            return entries.last?.role == .assistant ? entries.count - 1 : nil
        }
        return entries[cursor].role == .assistant ? cursor : cursor + 1
    }

    /// The message `e` edits: the one at the cursor (or before the reply at it), else the last
    /// of the user's.
    private var editTarget: Int? {
        let entries = conversation.entries
        guard let cursor = viewport.cursor, entries.indices.contains(cursor) else {
            return entries.lastIndex { $0.role == .user }
        }
        return entries[...cursor].lastIndex { $0.role == .user }
    }

    /// `/copy` (the last reply), `/copy code` (its only or last code block), `/copy code N`;
    /// `y` and `c` in the transcript.
    mutating func runCopy(_ words: [String]) -> CommandOutcome {
        guard let reply = conversation.entries.last(where: { $0.role == .assistant && !$0.text.isEmpty }) else {
            return refuse("No reply to copy yet", for: .seconds(3))
        }
        switch words.count {
        case 0: return copy(reply.text, what: "the last reply")
        case 1 where words[0] == "code": return copyCodeBlock(number: nil, of: reply.text)
        case 2 where words[0] == "code" && Int(words[1]) != nil: return copyCodeBlock(number: Int(words[1]), of: reply.text)
        default: return refuse("Usage: /copy, /copy code, /copy code N", for: .seconds(4))
        }
    }

    private mutating func copyCodeBlock(number: Int?, of text: String) -> CommandOutcome {
        let blocks = MarkdownRenderer.codeBlocks(in: text)
        guard let block = number.map({ wanted in blocks.first { $0.number == wanted } }) ?? blocks.last else {
            let problem = blocks.isEmpty ? "The last reply has no code block" : "No code block \(number ?? 0): the last reply has \(blocks.count)"
            return refuse(problem, for: .seconds(4))
        }
        return copy(block.text, what: "code block \(block.number)")
    }

    /// OSC 52 cannot say whether it worked, so the notice says what to check if it did not.
    private mutating func copy(_ text: String, what: String) -> CommandOutcome {
        show(
            "Copied \(what) (\(text.count) characters) with OSC 52; if it is not on your clipboard, the terminal may not allow it (tmux: set -g set-clipboard on)",
            expiresIn: .seconds(6))
        return .done([.terminal(.copyToClipboard(text))])
    }
}
