/// Draws the whole screen for a state. Pure: the same state gives the same cells.
package enum AppView {
    package static func render(_ state: AppState) -> Screen {
        var screen = Screen(size: state.size)
        let inputRows = InputBoxView.rowsNeeded(for: state.input, width: state.size.width)
        guard let layout = ScreenLayout(size: state.size, inputRows: inputRows, showsPanel: state.showsPanel) else {
            let minimum = ScreenLayout.minimumSize
            screen.write("Terminal too small (need \(minimum.width)×\(minimum.height))", at: Point(x: 0, y: 0), width: state.size.width, style: .error)
            return screen
        }
        TranscriptView(state: state).render(in: layout.transcript, on: &screen)
        if let panel = layout.panel {
            ParameterPanelView(parameters: state.parameters, mode: state.mode).render(in: panel, on: &screen)
        }
        InputBoxView(editor: state.input, isWaiting: state.activeReply != nil)
            .render(divider: layout.inputDivider, input: layout.input, on: &screen)
        StatusBarView(state: state).render(in: layout.statusBar, on: &screen)
        return screen
    }
}
