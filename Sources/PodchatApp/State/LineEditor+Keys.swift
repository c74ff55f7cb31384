/// The keys every text field shares: typing, deleting and moving the caret.
extension LineEditor {
    mutating func handle(_ key: Key, allowsNewlines: Bool) {
        if case .edit(let action)? = Keymap.action(for: [key], in: .editing) {
            apply(action)
            return
        }
        if case .character(let character) = key {
            insert(String(character))
        } else if allowsNewlines, key == .altEnter || key == .control("j") {
            insert("\n")
        }
    }

    mutating func apply(_ action: KeyAction.TextEdit) {
        switch action {
        case .left: moveLeft()
        case .right: moveRight()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .lineStart: moveToLineStart()
        case .lineEnd: moveToLineEnd()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .deleteWordBackward: deleteWordBackward()
        case .deleteWordForward: deleteWordForward()
        case .deleteToLineStart: deleteToLineStart()
        case .deleteToLineEnd: deleteToLineEnd()
        }
    }
}

extension String {
    /// Pasted line ends as `\n`: terminals paste Enter as `\r`.
    var replacingCarriageReturns: String {
        String(map { $0 == "\r" || $0 == "\r\n" ? "\n" : $0 })
    }

    /// Pasted text for a one-line field: its lines joined with spaces.
    var joiningLines: String {
        String(replacingCarriageReturns.map { $0 == "\n" ? " " : $0 })
    }
}
