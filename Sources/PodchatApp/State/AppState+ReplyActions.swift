import PodchatCore

/// What the user does with the last exchange: regenerate the reply, edit the message and send
/// it again, copy the reply or one of its code blocks.
extension AppState {
    /// `/regen` and `r` in the transcript: the last reply is replaced by a new one.
    mutating func regenerate() -> [Effect]? {
        guard activeReply == nil else {
            show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
            return nil
        }
        guard let last = entries.last, last.role == .assistant, entries.dropLast().last?.role == .user else {
            show("Nothing to regenerate: send a message first", expiresIn: .seconds(3), isError: true)
            return nil
        }
        entries.removeLast()
        return requestReply()
    }

    /// `/edit` and `e` in the transcript: the last message goes back into the input, and it and
    /// its reply leave the conversation; Enter sends the edited message.
    mutating func editLastMessage() -> [Effect]? {
        guard activeReply == nil else {
            show("A reply is still coming: wait, or press Esc to stop it", expiresIn: .seconds(3), isError: true)
            return nil
        }
        guard let index = entries.lastIndex(where: { $0.role == .user }) else {
            show("No message of yours to edit yet", expiresIn: .seconds(3), isError: true)
            return nil
        }
        guard input.isBlank else {
            show("The input has text: send or clear it first (Ctrl-U)", expiresIn: .seconds(4), isError: true)
            return nil
        }
        input = LineEditor(entries[index].text)
        entries.removeSubrange(index...)
        focus = .input
        followNewestText()
        show("Editing your last message: Enter sends it again", expiresIn: .seconds(4))
        return []
    }

    /// `/copy` (the last reply), `/copy code` (its only or last code block), `/copy code N`.
    mutating func runCopy(_ words: [String]) -> [Effect]? {
        guard let reply = entries.last(where: { $0.role == .assistant && !$0.text.isEmpty }) else {
            show("No reply to copy yet", expiresIn: .seconds(3), isError: true)
            return nil
        }
        switch words.count {
        case 0: return copy(reply.text, what: "the last reply")
        case 1 where words[0] == "code": return copyCodeBlock(number: nil, of: reply.text)
        case 2 where words[0] == "code" && Int(words[1]) != nil: return copyCodeBlock(number: Int(words[1]), of: reply.text)
        default:
            show("Usage: /copy, /copy code, /copy code N", expiresIn: .seconds(4), isError: true)
            return nil
        }
    }

    /// `c` in the transcript: the last code block of the last reply.
    mutating func copyLastCodeBlock() -> [Effect]? {
        runCopy(["code"])
    }

    private mutating func copyCodeBlock(number: Int?, of text: String) -> [Effect]? {
        let blocks = MarkdownRenderer.codeBlocks(in: text)
        guard let block = number.map({ wanted in blocks.first { $0.number == wanted } }) ?? blocks.last else {
            let problem = blocks.isEmpty ? "The last reply has no code block" : "No code block \(number ?? 0): the last reply has \(blocks.count)"
            show(problem, expiresIn: .seconds(4), isError: true)
            return nil
        }
        return copy(block.text, what: "code block \(block.number)")
    }

    /// OSC 52 cannot say whether it worked, so the notice says what to check if it did not.
    private mutating func copy(_ text: String, what: String) -> [Effect] {
        show("Copied \(what) (\(text.count) characters) with OSC 52; if it is not on your clipboard, the terminal may not allow it (tmux: set -g set-clipboard on)", expiresIn: .seconds(6))
        return [.copyToClipboard(text)]
    }
}
