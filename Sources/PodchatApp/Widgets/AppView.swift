/// Draws the whole screen for a state. Pure: the same state gives the same cells.
package enum AppView {
    /// - Parameter cache: keeps laid-out messages between frames; the program passes one so a
    ///   frame costs the same at message 10 and message 10,000. The screen is the same without.
    package static func render(_ state: AppState, cache: TranscriptCache? = nil) -> Screen {
        var screen = Screen(size: state.size)
        let inputBox = inputBox(for: state)
        guard let layout = layout(for: state, inputBox: inputBox) else {
            let minimum = ScreenLayout.minimumSize
            let message = "Terminal too small: need \(minimum.width)×\(minimum.height), have \(state.size.width)×\(state.size.height)"
            for (row, line) in TextWrapper.wrap(message, width: state.size.width).prefix(state.size.height).enumerated() {
                screen.write(line, at: Point(x: 0, y: row), width: state.size.width, style: .error)
            }
            return screen
        }
        TranscriptView(state: state, cache: cache).render(in: layout.transcript, on: &screen)
        inputBox.render(divider: layout.inputDivider, input: layout.input, on: &screen)
        if let panel = layout.panel {
            ParameterPanelView(state: state).render(in: panel, on: &screen)
        }
        if let picker = state.picker {
            screen.cursor = nil
            let area = Rect(x: 0, y: 0, width: state.size.width, height: layout.statusBar.y)
            ConversationPickerView(picker: picker, wallTime: state.wallTime).render(in: area, on: &screen)
        }
        if let scroll = state.helpScroll {
            screen.cursor = nil
            HelpView(scroll: scroll).render(in: Rect(x: 0, y: 0, width: state.size.width, height: layout.statusBar.y), on: &screen)
        }
        StatusBarView(state: state).render(in: layout.statusBar, on: &screen)
        return screen
    }

    /// While a command is typed, what it takes and does (or the commands its start could be).
    private static func commandHint(for input: LineEditor) -> String? {
        let text = input.text
        guard text.hasPrefix("/"), !text.contains("\n") else { return nil }
        let name = text.prefix { $0 != " " }
        let matches = SlashCommand.matching(name)
        if let exact = matches.first(where: { $0.name == name }) { return "\(exact.usage) — \(exact.summary)" }
        return matches.isEmpty ? "no such command · F1 lists them" : matches.map(\.name).joined(separator: " ")
    }

    /// Where each part goes for the state's size and input; nil when the terminal is too small.
    static func layout(for state: AppState) -> ScreenLayout? {
        layout(for: state, inputBox: inputBox(for: state))
    }

    private static func layout(for state: AppState, inputBox: InputBoxView) -> ScreenLayout? {
        ScreenLayout(size: state.size, inputRows: inputBox.rowsNeeded, showsPanel: state.showsPanel)
    }

    /// The input box shows the message being typed, or the system prompt while it is edited.
    private static func inputBox(for state: AppState) -> InputBoxView {
        if let edit = state.editing, edit.field == .systemPrompt {
            return InputBoxView(
                editor: edit.editor, width: state.size.width, isWaiting: false, isFocused: true,
                label: "system prompt: Enter saves · Esc cancels · Ctrl-J new line")
        }
        let label = state.focus == .transcript ? "▲ transcript: ↑↓ PgUp PgDn Home End scroll · r y e c [ ] · Tab" : commandHint(for: state.input)
        return InputBoxView(
            editor: state.input, width: state.size.width, isWaiting: state.activeReply != nil,
            isFocused: state.focus == .input && state.editing == nil, label: label)
    }
}
