/// The mouse: the wheel scrolls what is under it, a click focuses the area it lands in and,
/// in the side panel, selects the field on that row.
extension AppState {
    mutating func handleMouse(_ mouse: MouseEvent) {
        if helpScroll != nil { return scrollHelp(by: Self.wheelRows(for: mouse.kind)) }
        guard picker == nil, let layout = AppView.layout(for: self) else { return }
        if let panel = layout.panel, panel.contains(mouse.point) {
            handlePanelMouse(mouse, in: panel)
        } else if layout.transcript.contains(mouse.point) {
            switch mouse.kind {
            case .wheelUp: scrollUp(Self.wheelRows)
            case .wheelDown: scrollDown(Self.wheelRows)
            case .press: if editing == nil { focus = .transcript }
            }
        } else if mouse.kind == .press, layout.input.contains(mouse.point) || layout.inputDivider.contains(mouse.point), editing == nil {
            focus = .input
        }
    }

    /// Rows a wheel notch moves, up negative; a press moves nothing.
    private static func wheelRows(for kind: MouseEvent.Kind) -> Int {
        switch kind {
        case .wheelUp: return -wheelRows
        case .wheelDown: return wheelRows
        case .press: return 0
        }
    }

    private mutating func handlePanelMouse(_ mouse: MouseEvent, in panel: Rect) {
        guard editing == nil else { return }
        switch mouse.kind {
        case .wheelUp: panelSelection = max(0, panelSelection - 1)
        case .wheelDown: panelSelection = min(PanelField.all.count - 1, panelSelection + 1)
        case .press:
            focus = .panel
            if let field = ParameterPanelView.field(at: mouse.point, in: panel, selection: panelSelection) { panelSelection = field }
        }
    }
}
