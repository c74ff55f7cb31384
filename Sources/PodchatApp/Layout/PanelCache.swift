/// Remembers the sampling panel's cells between frames, so a frame formats the panel again
/// only when something it shows changed: while a reply streams nothing does, and formatting
/// it was an eighth of a streamed token's CPU. Owned by the one thread that draws; the view
/// stays a function of the state.
package final class PanelCache {
    /// Everything the panel's cells depend on; the panel is formatted again when it differs.
    /// The whole panel state and values, not the fields read today, so a field the view comes
    /// to read cannot be missed. Comparing unchanged values is cheap: they share storage.
    struct Key: Equatable {
        var size: Size
        var area: Rect
        var isFocused: Bool
        var panel: PanelState
        var values: RequestValues
    }

    /// The panel drawn alone on a blank screen of the frame's size, and the key it was drawn for.
    private var drawn: (key: Key, screen: Screen)?

    package init() {}

    /// Draws the panel for `state` in `area` of `screen`: the cells kept from the last frame
    /// when the key is unchanged, else formatted again. The panel's area is its own (nothing
    /// before it draws there), so copying its cells gives the frame drawing it would.
    func render(_ state: AppState, in area: Rect, on screen: inout Screen) {
        let key = Key(
            size: screen.size, area: area, isFocused: state.window.focus == .panel, panel: state.panel, values: state.conversation.values)
        if drawn?.key != key {
            var alone = Screen(size: screen.size)
            ParameterPanelView(state: state).render(in: area, on: &alone)
            drawn = (key, alone)
        }
        guard let drawn else { return }
        screen.copy(area, from: drawn.screen)
        if let cursor = drawn.screen.cursor { screen.cursor = cursor }
    }
}
