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
        case compare = "Comparing two replies (/compare)"
        case map = "The conversation's map (F5, /tree)"
        case inspector = "The request inspector (F6, /request)"
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
        Binding(.anywhere, [.function(1)], .window(.showHelp), "this help"),
        Binding(.anywhere, [.function(2)], .window(.togglePanel), "show or hide the sampling panel"),
        Binding(.anywhere, [.function(3)], .window(.toggleRawText), "replies as Markdown or as raw text"),
        Binding(.anywhere, [.function(4)], .window(.toggleThinking), "a reply's thinking in full, or folded to one line"),
        Binding(.anywhere, [.function(7)], .window(.toggleProbabilities), "shade replies by token probability (set logprobs first; /shade)"),
        Binding(.anywhere, [.control("o")], .window(.openPicker), "saved conversations"),
        Binding(.anywhere, [.function(5)], .window(.openMap), "the conversation's map: every branch, jump to any (/tree)"),
        Binding(.anywhere, [.function(6)], .window(.openInspector), "the next request as sent, and the reply's at the cursor (/request)"),

        Binding(.input, [.enter], .input(.send), "send (a line starting with / runs a command; // sends one /)"),
        Binding(.input, [.altEnter], .input(.insertNewline), "new line"),
        Binding(.input, [.control("j")], .input(.insertNewline), "new line"),
        Binding(.input, [.tab], .input(.completeOrNextFocus), "complete a command or name; else focus the panel"),
        Binding(.input, [.backTab], .window(.previousFocus), "focus the previous area"),
        Binding(.input, [.escape], .window(.stopReply), "stop the reply"),
        Binding(.input, [.up], .input(.olderMessageOrLineUp), "line up; on the first line, an older message"),
        Binding(.input, [.down], .input(.newerMessageOrLineDown), "line down; on the last line, a newer message"),
        Binding(.input, [.pageUp], .transcript(.pageUp), "scroll the transcript up"),
        Binding(.input, [.pageDown], .transcript(.pageDown), "scroll the transcript down"),
        Binding(.input, [.control("x"), .control("e")], .input(.openEditor), "edit the message in $VISUAL or $EDITOR"),

        Binding(.editing, [.left], .edit(.left), "character left"),
        Binding(.editing, [.right], .edit(.right), "character right"),
        Binding(.editing, [.controlLeft], .edit(.wordLeft), "word left"),
        Binding(.editing, [.alt("b")], .edit(.wordLeft), "word left"),
        Binding(.editing, [.controlRight], .edit(.wordRight), "word right"),
        Binding(.editing, [.alt("f")], .edit(.wordRight), "word right"),
        Binding(.editing, [.home], .edit(.lineStart), "start of the line"),
        Binding(.editing, [.control("a")], .edit(.lineStart), "start of the line"),
        Binding(.editing, [.end], .edit(.lineEnd), "end of the line"),
        Binding(.editing, [.control("e")], .edit(.lineEnd), "end of the line"),
        Binding(.editing, [.backspace], .edit(.deleteBackward), "delete the character before"),
        Binding(.editing, [.delete], .edit(.deleteForward), "delete the character under"),
        Binding(.editing, [.control("w")], .edit(.deleteWordBackward), "delete the word before"),
        Binding(.editing, [.altBackspace], .edit(.deleteWordBackward), "delete the word before"),
        Binding(.editing, [.alt("d")], .edit(.deleteWordForward), "delete the word after"),
        Binding(.editing, [.control("u")], .edit(.deleteToLineStart), "delete to the start of the line"),
        Binding(.editing, [.control("k")], .edit(.deleteToLineEnd), "delete to the end of the line"),

        Binding(.transcript, [.up], .transcript(.scrollUp), "scroll up a line"),
        Binding(.transcript, [.down], .transcript(.scrollDown), "scroll down a line"),
        Binding(.transcript, [.pageUp], .transcript(.pageUp), "scroll up a page"),
        Binding(.transcript, [.pageDown], .transcript(.pageDown), "scroll down a page"),
        Binding(.transcript, [.home], .transcript(.scrollToTop), "the first message"),
        Binding(.transcript, [.end], .transcript(.scrollToBottom), "the newest text, and follow it"),
        Binding(.transcript, [.character("k")], .transcript(.previousMessage), "cursor to the previous message (the keys below act on it)"),
        Binding(.transcript, [.character("j")], .transcript(.nextMessage), "cursor to the next message; past the newest, none"),
        Binding(.transcript, [.left], .transcript(.previousToken), "with F7 shading: previous token, its odds and others"),
        Binding(.transcript, [.right], .transcript(.nextToken), "with F7 shading: next token"),
        Binding(.transcript, [.character("r")], .transcript(.regenerate), "regenerate the reply as a new branch (/regen)"),
        Binding(.transcript, [.character("e")], .transcript(.editMessage), "edit your message, resend as a new branch (/edit)"),
        Binding(.transcript, [.character("y")], .transcript(.copyReply), "copy the last reply (/copy)"),
        Binding(.transcript, [.character("c")], .transcript(.copyLastCode), "copy the reply's last code block (/copy code N)"),
        Binding(.transcript, [.character("v")], .transcript(.startCompare), "compare: edit side B in the panel, then v asks both (/compare)"),
        Binding(.transcript, [.character("i")], .window(.openInspector), "inspect the request of the reply at the cursor (/request)"),
        Binding(.transcript, [.character("t")], .window(.toggleThinking), "unfold or fold the thinking (/thinking)"),
        Binding(.transcript, [.character("[")], .transcript(.previousAlternative), "previous choice (n > 1), else previous branch ‹ ›"),
        Binding(.transcript, [.character("]")], .transcript(.nextAlternative), "next choice, else next branch"),
        Binding(.transcript, [.enter], .window(.backToInput), "back to the input"),
        Binding(.transcript, [.escape], .window(.stopReply), "stop the reply, else back to the input"),
        Binding(.transcript, [.tab], .window(.nextFocus), "focus the next area"),
        Binding(.transcript, [.backTab], .window(.previousFocus), "focus the previous area"),

        Binding(.panel, [.up], .panel(.selectPrevious), "previous setting"),
        Binding(.panel, [.down], .panel(.selectNext), "next setting"),
        Binding(.panel, [.home], .panel(.selectFirst), "first setting"),
        Binding(.panel, [.end], .panel(.selectLast), "last setting"),
        Binding(.panel, [.left], .panel(.decrease), "decrease by a step"),
        Binding(.panel, [.right], .panel(.increase), "increase by a step"),
        Binding(.panel, [.shiftLeft], .panel(.decreaseCoarse), "decrease by ten steps"),
        Binding(.panel, [.pageDown], .panel(.decreaseCoarse), "decrease by ten steps"),
        Binding(.panel, [.shiftRight], .panel(.increaseCoarse), "increase by ten steps"),
        Binding(.panel, [.pageUp], .panel(.increaseCoarse), "increase by ten steps"),
        Binding(.panel, [.enter], .panel(.editValue), "type a value (checked as you type)"),
        Binding(.panel, [.character(" ")], .panel(.toggleValue), "switch an on/off setting; on the seed, server → each turn → a number"),
        Binding(.panel, [.character("r")], .panel(.resetValue), "reset the setting"),
        Binding(.panel, [.character("R")], .panel(.resetAllValues), "reset every setting"),
        Binding(.panel, [.character("u")], .panel(.unsetValue), "unset the parameter: not sent, the model decides"),
        Binding(.panel, [.character("v")], .panel(.compare), "compare: edit side B here (the panel shows B), v again asks both"),
        Binding(.panel, [.escape], .window(.stopReply), "stop the reply; cancel side B; else back to the input"),
        Binding(.panel, [.tab], .window(.nextFocus), "focus the next area"),
        Binding(.panel, [.backTab], .window(.previousFocus), "focus the previous area"),

        Binding(.map, [.up], .map(.selectPrevious), "previous branch"),
        Binding(.map, [.down], .map(.selectNext), "next branch"),
        Binding(.map, [.enter], .map(.jump), "show it: the transcript follows that branch to its end"),
        Binding(.map, [.escape], .map(.close), "close"),

        Binding(.inspector, [.up], .inspector(.scrollUp), "scroll up a line"),
        Binding(.inspector, [.down], .inspector(.scrollDown), "scroll down a line"),
        Binding(.inspector, [.pageUp], .inspector(.pageUp), "scroll up a page"),
        Binding(.inspector, [.pageDown], .inspector(.pageDown), "scroll down a page"),
        Binding(.inspector, [.home], .inspector(.scrollToTop), "the top"),
        Binding(.inspector, [.character("c")], .inspector(.copyCurl), "copy the next request as a curl command (the key as $RUNPOD_API_KEY)"),
        Binding(.inspector, [.escape], .inspector(.close), "close"),

        Binding(.compare, [.character("1")], .compare(.keepA), "keep A: it continues the conversation, B stays a branch"),
        Binding(.compare, [.character("2")], .compare(.keepB), "keep B; A stays a branch"),
        Binding(.compare, [.escape], .compare(.stopOrClose), "stop both jobs; once both ended, close (B continues)"),

        Binding(.picker, [.up], .picker(.pickPrevious), "previous conversation"),
        Binding(.picker, [.down], .picker(.pickNext), "next conversation"),
        Binding(.picker, [.pageUp], .picker(.pickPreviousPage), "a page up"),
        Binding(.picker, [.pageDown], .picker(.pickNextPage), "a page down"),
        Binding(.picker, [.home], .picker(.pickFirst), "newest conversation (Ctrl-A: start of the search)"),
        Binding(.picker, [.end], .picker(.pickLast), "oldest conversation (Ctrl-E: end of the search)"),
        Binding(.picker, [.enter], .picker(.openPicked), "open it"),
        Binding(.picker, [.function(2)], .picker(.renamePicked), "rename it"),
        Binding(.picker, [.control("r")], .picker(.renamePicked), "rename it"),
        Binding(.picker, [.delete], .picker(.deletePicked), "delete it (asks first)"),
        Binding(.picker, [.control("d")], .picker(.deletePicked), "delete it (asks first)"),
        Binding(.picker, [.escape], .picker(.closePicker), "close; typing searches titles and text"),
    ]
}
