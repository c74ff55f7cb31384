import PodchatCore

/// What the user does with the last exchange: regenerate the reply, edit the message and send
/// it again, copy the reply or one of its code blocks.
extension AppState {
    /// `/regen` and `r` in the transcript: the last reply is replaced by a new one.
    mutating func regenerate() -> CommandOutcome {
        guard reply.active == nil else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard conversation.removeLastReply() else { return refuse("Nothing to regenerate: send a message first", for: .seconds(3)) }
        return .done(requestReply())
    }

    /// `/edit` and `e` in the transcript: the last message goes back into the input, and it and
    /// its reply leave the conversation; Enter sends the edited message.
    mutating func editLastMessage() -> CommandOutcome {
        guard reply.active == nil else { return refuse("A reply is still coming: wait, or press Esc to stop it", for: .seconds(3)) }
        guard conversation.entries.contains(where: { $0.role == .user }) else { return refuse("No message of yours to edit yet", for: .seconds(3)) }
        guard composer.input.isBlank else { return refuse("The input has text: send or clear it first (Ctrl-U)", for: .seconds(4)) }
        composer.replace(with: conversation.takeLastMessage() ?? "")
        window.focus(on: .input)
        viewport.followNewestText()
        show("Editing your last message: Enter sends it again", expiresIn: .seconds(4))
        return .done
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
