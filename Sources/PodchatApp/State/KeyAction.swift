/// What a key does: the keymap binds keys to these, the state performs them, and the help
/// overlay describes them, so help and behaviour come from one table. Grouped by the part of
/// the window that performs them.
package enum KeyAction: Sendable, Equatable {
    case window(Window)
    case input(Input)
    case edit(TextEdit)
    case transcript(Transcript)
    case panel(Panel)
    case picker(Picker)
    case compare(Compare)
    case map(Map)
    case inspector(Inspector)

    /// Anywhere: overlays, toggles and focus.
    package enum Window: Sendable, Equatable {
        case showHelp, togglePanel, toggleRawText, toggleThinking, toggleProbabilities, openPicker, openMap, openInspector
        case nextFocus, previousFocus, backToInput, stopReply
    }

    /// The input box.
    package enum Input: Sendable, Equatable {
        case send, insertNewline, completeOrNextFocus, olderMessageOrLineUp, newerMessageOrLineDown, openEditor
    }

    /// Editing any text field.
    package enum TextEdit: Sendable, Equatable {
        case left, right, wordLeft, wordRight, lineStart, lineEnd
        case deleteBackward, deleteForward, deleteWordBackward, deleteWordForward, deleteToLineStart, deleteToLineEnd
    }

    /// The transcript: scrolling, and what to do with the last exchange.
    package enum Transcript: Sendable, Equatable {
        case scrollUp, scrollDown, pageUp, pageDown, scrollToTop, scrollToBottom, previousAlternative, nextAlternative
        case previousMessage, nextMessage, previousToken, nextToken, regenerate, editMessage, copyReply, copyLastCode, startCompare
    }

    /// The sampling panel.
    package enum Panel: Sendable, Equatable {
        case selectPrevious, selectNext, selectFirst, selectLast, decrease, increase, decreaseCoarse, increaseCoarse
        case editValue, toggleValue, resetValue, resetAllValues, unsetValue, compare
    }

    /// The conversation's map.
    package enum Map: Sendable, Equatable {
        case selectPrevious, selectNext, jump, close
    }

    /// The request inspector.
    package enum Inspector: Sendable, Equatable {
        case scrollUp, scrollDown, pageUp, pageDown, scrollToTop, copyCurl, close
    }

    /// A compare on screen.
    package enum Compare: Sendable, Equatable {
        case keepA, keepB, stopOrClose
    }

    /// The conversation picker.
    package enum Picker: Sendable, Equatable {
        case pickPrevious, pickNext, pickPreviousPage, pickNextPage, pickFirst, pickLast, openPicked, renamePicked, deletePicked, closePicker
    }
}
