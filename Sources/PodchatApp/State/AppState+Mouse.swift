/// The mouse: the wheel scrolls what is under it, a click focuses the area it lands in and,
/// in the side panel, selects the field on that row.
extension AppState {
    mutating func handleMouse(_ mouse: MouseEvent) {
        if window.helpScroll != nil { return scrollHelp(by: Self.wheelRows(for: mouse.kind)) }
        if window.inspector != nil { return scrollInspector(by: Self.wheelRows(for: mouse.kind)) }
        guard !browser.isOpen, let layout = ScreenLayout(for: self) else { return }
        if let area = layout.panel, area.contains(mouse.point) {
            handlePanelMouse(mouse, in: area)
        } else if layout.transcript.contains(mouse.point) {
            switch mouse.kind {
            case .wheelUp: scrollUp(TranscriptViewport.wheelRows)
            case .wheelDown: scrollDown(TranscriptViewport.wheelRows)
            case .press: if panel.editing == nil { window.focus(on: .transcript) }
            }
        } else if mouse.kind == .press, layout.input.contains(mouse.point) || layout.inputDivider.contains(mouse.point), panel.editing == nil {
            window.focus(on: .input)
        }
    }

    /// Rows a wheel notch moves, up negative; a press moves nothing.
    private static func wheelRows(for kind: MouseEvent.Kind) -> Int {
        switch kind {
        case .wheelUp: -TranscriptViewport.wheelRows
        case .wheelDown: TranscriptViewport.wheelRows
        case .press: 0
        }
    }

    private mutating func handlePanelMouse(_ mouse: MouseEvent, in area: Rect) {
        guard panel.editing == nil else { return }
        switch mouse.kind {
        case .wheelUp: panel.select(panel.selection - 1)
        case .wheelDown: panel.select(panel.selection + 1)
        case .press:
            window.focus(on: .panel)
            if let field = PanelGeometry.field(at: mouse.point, in: area, selection: panel.selection) { panel.select(field) }
        }
    }
}
