/// Which part of the window takes the keys. Tab goes input → panel → transcript → input.
package enum Focus: Sendable, Equatable, CaseIterable {
    case input
    case panel
    case transcript
}
