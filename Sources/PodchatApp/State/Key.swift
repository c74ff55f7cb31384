/// A key the user pressed, decoded from the terminal.
package enum Key: Sendable, Equatable, Hashable {
    case character(Character)
    case enter
    /// Enter with Alt (Esc then Enter): a newline in the input.
    case altEnter
    case tab
    /// Shift-Tab: focus goes the other way round.
    case backTab
    case backspace
    case delete
    case left, right, up, down
    /// Shift with an arrow: the panel's coarse adjust.
    case shiftLeft, shiftRight
    /// Ctrl with an arrow: a word at a time.
    case controlLeft, controlRight
    case home, end
    case pageUp, pageDown
    case escape
    /// Ctrl with a letter, given in lower case (`.control("q")` is Ctrl-Q).
    case control(Character)
    /// Alt (or Esc) with a character, as terminals send it: Esc, then the character.
    case alt(Character)
    /// Alt-Backspace: delete a word.
    case altBackspace
    case function(Int)

    /// How help and messages name the key: `Ctrl-X`, `Alt-Enter`, `PgUp`, `F1`.
    package var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .enter: return "Enter"
        case .altEnter: return "Alt-Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .altBackspace: return "Alt-Backspace"
        case .delete: return "Delete"
        case .left: return "←"
        case .right: return "→"
        case .up: return "↑"
        case .down: return "↓"
        case .shiftLeft: return "Shift-←"
        case .shiftRight: return "Shift-→"
        case .controlLeft: return "Ctrl-←"
        case .controlRight: return "Ctrl-→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .escape: return "Esc"
        case .control(let character): return "Ctrl-\(character.uppercased())"
        case .alt(let character): return "Alt-\(character)"
        case .function(let number): return "F\(number)"
        }
    }
}
