/// What a key does: the keymap binds keys to these, the state performs them, and the help
/// overlay describes them, so help and behaviour come from one table.
package enum KeyAction: Sendable, Equatable {
    // Anywhere
    case showHelp, togglePanel, toggleRawText, toggleThinking, openPicker
    // The input box
    case send, insertNewline, completeOrNextFocus, previousFocus, stopReply, pageUp, pageDown
    case lineUpOrOlderMessage, lineDownOrNewerMessage, openEditor
    // Editing any text field
    case left, right, wordLeft, wordRight, lineStart, lineEnd
    case deleteBackward, deleteForward, deleteWordBackward, deleteWordForward, deleteToLineStart, deleteToLineEnd
    // The transcript
    case scrollUp, scrollDown, scrollToTop, scrollToBottom, previousChoice, nextChoice
    case regenerate, editLastMessage, copyReply, copyLastCode, backToInput, nextFocus
    // The sampling panel
    case selectPrevious, selectNext, selectFirst, selectLast, decrease, increase, decreaseCoarse, increaseCoarse
    case editValue, toggleValue, resetValue, resetAllValues, unsetValue
    // The conversation picker
    case pickPrevious, pickNext, openPicked, renamePicked, deletePicked, closePicker
}
