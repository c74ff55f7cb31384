/// The conversation picker's list, measured alike for the view that draws it and for the keys
/// that move a page through it.
enum PickerGeometry {
    /// Rows each conversation takes: its title line and its snippet line.
    static let rowsPerConversation = 2
    /// Rows of the picker that are not its list: the frame's two, the search line, the rule
    /// under it, and the footer.
    static let rowsAroundTheList = 5

    /// How many rows the list gets in a picker `pickerHeight` rows tall.
    static func listHeight(pickerHeight: Int) -> Int {
        pickerHeight - rowsAroundTheList
    }

    /// How many conversations are on screen at once in a picker `pickerHeight` rows tall.
    static func conversationsFitting(pickerHeight: Int) -> Int {
        max(1, listHeight(pickerHeight: pickerHeight) / rowsPerConversation)
    }
}
