/// Every key podchat handles, where, and what it does: the state looks keys up here and the
/// help overlay (F1) is drawn from the same table, so help cannot disagree with behaviour.
/// Ctrl-C and Ctrl-Q are the exceptions handled before any lookup, and listed here too.
package enum Keymap {
    /// Where a binding applies.
    package enum Context: String, Sendable, CaseIterable {
        case anywhere = "Anywhere"
        case input = "Typing a message"
        case editing = "Editing text (the input, panel values, names)"
        case transcript = "Transcript (Tab until it is focused)"
        case panel = "Sampling panel (Tab to focus)"
        case picker = "Saved conversations (Ctrl-O)"
    }

    /// Keys that do one thing, with the words help shows.
    package struct Binding: Sendable {
        package let context: Context
        /// One key, or a prefix and a key (Ctrl-X Ctrl-E).
        package let keys: [Key]
        package let action: KeyAction?
        package let summary: String

        init(_ context: Context, _ keys: [Key], _ action: KeyAction?, _ summary: String) {
            self.context = context
            self.keys = keys
            self.action = action
            self.summary = summary
        }
    }

    /// Keys that start a two-key binding.
    static let prefixes: Set<Key> = Set(bindings.filter { $0.keys.count == 2 }.map { $0.keys[0] })

    /// The action `keys` have in `context`, if any.
    static func action(for keys: [Key], in context: Context) -> KeyAction? {
        table[context]?[keys]
    }

    private static let table: [Context: [[Key]: KeyAction]] = {
        var table: [Context: [[Key]: KeyAction]] = [:]
        for binding in bindings {
            if let action = binding.action { table[binding.context, default: [:]][binding.keys] = action }
        }
        return table
    }()

    package static let bindings: [Binding] = [
        Binding(.anywhere, [.control("c")], nil, "stop the reply; twice quits"),
        Binding(.anywhere, [.control("q")], nil, "quit (the conversation is saved)"),
        Binding(.anywhere, [.function(1)], .showHelp, "this help"),
        Binding(.anywhere, [.function(2)], .togglePanel, "show or hide the sampling panel"),
        Binding(.anywhere, [.function(3)], .toggleRawText, "replies as Markdown or as raw text"),
        Binding(.anywhere, [.function(4)], .toggleThinking, "a reply's thinking in full, or folded to one line"),
        Binding(.anywhere, [.control("o")], .openPicker, "saved conversations"),

        Binding(.input, [.enter], .send, "send (a line starting with / runs a command; // sends one /)"),
        Binding(.input, [.altEnter], .insertNewline, "new line"),
        Binding(.input, [.control("j")], .insertNewline, "new line"),
        Binding(.input, [.tab], .completeOrNextFocus, "complete a command or name; else focus the panel"),
        Binding(.input, [.backTab], .previousFocus, "focus the previous area"),
        Binding(.input, [.escape], .stopReply, "stop the reply"),
        Binding(.input, [.up], .lineUpOrOlderMessage, "line up; on the first line, an older message"),
        Binding(.input, [.down], .lineDownOrNewerMessage, "line down; on the last line, a newer message"),
        Binding(.input, [.pageUp], .pageUp, "scroll the transcript up"),
        Binding(.input, [.pageDown], .pageDown, "scroll the transcript down"),
        Binding(.input, [.control("x"), .control("e")], .openEditor, "edit the message in $VISUAL or $EDITOR"),

        Binding(.editing, [.left], .left, "character left"),
        Binding(.editing, [.right], .right, "character right"),
        Binding(.editing, [.controlLeft], .wordLeft, "word left"),
        Binding(.editing, [.alt("b")], .wordLeft, "word left"),
        Binding(.editing, [.controlRight], .wordRight, "word right"),
        Binding(.editing, [.alt("f")], .wordRight, "word right"),
        Binding(.editing, [.home], .lineStart, "start of the line"),
        Binding(.editing, [.control("a")], .lineStart, "start of the line"),
        Binding(.editing, [.end], .lineEnd, "end of the line"),
        Binding(.editing, [.control("e")], .lineEnd, "end of the line"),
        Binding(.editing, [.backspace], .deleteBackward, "delete the character before"),
        Binding(.editing, [.delete], .deleteForward, "delete the character under"),
        Binding(.editing, [.control("w")], .deleteWordBackward, "delete the word before"),
        Binding(.editing, [.altBackspace], .deleteWordBackward, "delete the word before"),
        Binding(.editing, [.alt("d")], .deleteWordForward, "delete the word after"),
        Binding(.editing, [.control("u")], .deleteToLineStart, "delete to the start of the line"),
        Binding(.editing, [.control("k")], .deleteToLineEnd, "delete to the end of the line"),

        Binding(.transcript, [.up], .scrollUp, "scroll up a line"),
        Binding(.transcript, [.down], .scrollDown, "scroll down a line"),
        Binding(.transcript, [.pageUp], .pageUp, "scroll up a page"),
        Binding(.transcript, [.pageDown], .pageDown, "scroll down a page"),
        Binding(.transcript, [.home], .scrollToTop, "the first message"),
        Binding(.transcript, [.end], .scrollToBottom, "the newest text, and follow it"),
        Binding(.transcript, [.character("r")], .regenerate, "regenerate the last reply (/regen)"),
        Binding(.transcript, [.character("e")], .editLastMessage, "edit your last message and resend (/edit)"),
        Binding(.transcript, [.character("y")], .copyReply, "copy the last reply (/copy)"),
        Binding(.transcript, [.character("c")], .copyLastCode, "copy the reply's last code block (/copy code N)"),
        Binding(.transcript, [.character("t")], .toggleThinking, "unfold or fold the thinking (/thinking)"),
        Binding(.transcript, [.character("[")], .previousChoice, "previous choice of an n > 1 reply"),
        Binding(.transcript, [.character("]")], .nextChoice, "next choice"),
        Binding(.transcript, [.enter], .backToInput, "back to the input"),
        Binding(.transcript, [.escape], .stopReply, "stop the reply, else back to the input"),
        Binding(.transcript, [.tab], .nextFocus, "focus the next area"),
        Binding(.transcript, [.backTab], .previousFocus, "focus the previous area"),

        Binding(.panel, [.up], .selectPrevious, "previous setting"),
        Binding(.panel, [.down], .selectNext, "next setting"),
        Binding(.panel, [.home], .selectFirst, "first setting"),
        Binding(.panel, [.end], .selectLast, "last setting"),
        Binding(.panel, [.left], .decrease, "decrease by a step"),
        Binding(.panel, [.right], .increase, "increase by a step"),
        Binding(.panel, [.shiftLeft], .decreaseCoarse, "decrease by ten steps"),
        Binding(.panel, [.pageDown], .decreaseCoarse, "decrease by ten steps"),
        Binding(.panel, [.shiftRight], .increaseCoarse, "increase by ten steps"),
        Binding(.panel, [.pageUp], .increaseCoarse, "increase by ten steps"),
        Binding(.panel, [.enter], .editValue, "type a value (checked as you type)"),
        Binding(.panel, [.character(" ")], .toggleValue, "switch an on/off setting"),
        Binding(.panel, [.character("r")], .resetValue, "reset the setting"),
        Binding(.panel, [.character("R")], .resetAllValues, "reset every setting"),
        Binding(.panel, [.character("u")], .unsetValue, "unset the parameter: not sent, the model decides"),
        Binding(.panel, [.escape], .stopReply, "stop the reply, else back to the input"),
        Binding(.panel, [.tab], .nextFocus, "focus the next area"),
        Binding(.panel, [.backTab], .previousFocus, "focus the previous area"),

        Binding(.picker, [.up], .pickPrevious, "previous conversation"),
        Binding(.picker, [.down], .pickNext, "next conversation"),
        Binding(.picker, [.enter], .openPicked, "open it"),
        Binding(.picker, [.function(2)], .renamePicked, "rename it"),
        Binding(.picker, [.control("r")], .renamePicked, "rename it"),
        Binding(.picker, [.delete], .deletePicked, "delete it (asks first)"),
        Binding(.picker, [.control("d")], .deletePicked, "delete it (asks first)"),
        Binding(.picker, [.escape], .closePicker, "close; typing searches titles and text"),
    ]
}
