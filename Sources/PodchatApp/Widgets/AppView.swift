/// Draws the whole screen for a state. Pure: the same state gives the same cells.
package enum AppView {
    package static func render(_ state: AppState) -> Screen {
        var screen = Screen(size: state.size)
        let inputBox = inputBox(for: state)
        let inputRows = InputBoxView.rowsNeeded(for: inputBox.editor, width: state.size.width)
        guard let layout = ScreenLayout(size: state.size, inputRows: inputRows, showsPanel: state.showsPanel) else {
            let minimum = ScreenLayout.minimumSize
            screen.write("Terminal too small (need \(minimum.width)×\(minimum.height))", at: Point(x: 0, y: 0), width: state.size.width, style: .error)
            return screen
        }
        TranscriptView(state: state).render(in: layout.transcript, on: &screen)
        inputBox.render(divider: layout.inputDivider, input: layout.input, on: &screen)
        if let panel = layout.panel {
            ParameterPanelView(state: state).render(in: panel, on: &screen)
        }
        if let picker = state.picker {
            screen.cursor = nil
            let area = Rect(x: 0, y: 0, width: state.size.width, height: layout.statusBar.y)
            ConversationPickerView(picker: picker, wallTime: state.wallTime).render(in: area, on: &screen)
        }
        StatusBarView(state: state).render(in: layout.statusBar, on: &screen)
        return screen
    }

    /// The input box shows the message being typed, or the system prompt while it is edited.
    private static func inputBox(for state: AppState) -> InputBoxView {
        if let edit = state.editing, edit.field == .systemPrompt {
            return InputBoxView(editor: edit.editor, isWaiting: false, isFocused: true, label: "system prompt: Enter saves · Esc cancels · Ctrl-J new line")
        }
        let label = state.focus == .transcript ? "▲ transcript: ↑↓ PgUp PgDn scroll · [ ] choice · Tab" : nil
        return InputBoxView(editor: state.input, isWaiting: state.activeReply != nil, isFocused: state.focus == .input && state.editing == nil, label: label)
    }
}
