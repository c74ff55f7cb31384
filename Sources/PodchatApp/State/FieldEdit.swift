/// A panel field being edited as text: which one, and the text so far. Parameters are edited
/// in their panel row; the system prompt in the input box, which has room for several lines.
package struct FieldEdit: Sendable, Equatable {
    package let field: PanelField
    package var editor: LineEditor
}
