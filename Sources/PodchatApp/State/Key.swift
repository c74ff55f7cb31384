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
    case home, end
    case pageUp, pageDown
    case escape
    /// Ctrl with a letter, given in lower case (`.control("q")` is Ctrl-Q).
    case control(Character)
    case function(Int)
}
