/// What a cell shows, by meaning rather than colour. The terminal layer maps each style to
/// attributes and colours once, so snapshots read as roles and themes stay in one place.
package enum Style: String, Sendable, Equatable, CaseIterable {
    case normal
    case dim
    case border
    /// The border or divider of the area that has the keys.
    case borderFocused
    /// Names the focused area where it has no title of its own (the transcript).
    case focusLabel
    case title
    case userLabel
    case assistantLabel
    case systemLabel
    case messageText
    /// Markdown: a heading's text.
    case heading
    /// Markdown: **strong** text.
    case strong
    /// Markdown: *emphasised* text.
    case emphasis
    /// Markdown: `code` inside a line.
    case inlineCode
    /// Markdown: the text of a fenced code block.
    case codeBlock
    /// Markdown: the frame, label and number around a code block, and rules.
    case codeFrame
    case quote
    case link
    /// A list's bullet or number.
    case listMarker
    case footer
    /// A reasoning model's thinking, and its heading or folded summary line.
    case thinking
    case thinkingHeading
    case error
    case inputPrompt
    case inputText
    case panelTitle
    case panelTitleFocused
    /// The small group headings (core, penalties, …).
    case panelHeading
    /// The selected row while the panel has the keys.
    case panelSelection
    /// A value being edited in place.
    case panelEditing
    case panelLabel
    case panelValue
    case panelValueChanged
    case statusBar
    case statusBarAccent
    case statusBarError
    case placeholder
    /// A token the model gave a probability of 50–90 % (replies shaded by probability, F7).
    case probabilityUnsure
    /// 20–50 %.
    case probabilityDoubtful
    /// Under 20 %.
    case probabilityUnlikely

    /// The shade of a token the model gave probability `probability` (0…1): plain from 90 %.
    package static func shade(ofProbability probability: Double) -> Style {
        switch probability {
        case 0.9...: .messageText
        case 0.5..<0.9: .probabilityUnsure
        case 0.2..<0.5: .probabilityDoubtful
        default: .probabilityUnlikely
        }
    }
}
