/// What a cell shows, by meaning rather than colour. The terminal layer maps each style to
/// attributes and colours once, so snapshots read as roles and themes stay in one place.
package enum Style: String, Sendable, Equatable, CaseIterable {
    case normal
    case dim
    case border
    case title
    case userLabel
    case assistantLabel
    case systemLabel
    case messageText
    case footer
    case error
    case inputPrompt
    case inputText
    case panelTitle
    case panelLabel
    case panelValue
    case panelValueChanged
    case statusBar
    case statusBarAccent
    case statusBarError
    case placeholder
}
