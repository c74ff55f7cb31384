/// Draws the whole screen for a state. Pure: the same state gives the same cells.
package enum AppView {
    /// - Parameters:
    ///   - cache: keeps laid-out messages between frames; the program passes one so a frame
    ///     costs the same at message 10 and message 10,000. The screen is the same without.
    ///   - panelCache: keeps the sampling panel's cells between frames, so a frame that changes
    ///     nothing in it (every streamed token) does not format it again. The screen is the same
    ///     without.
    package static func render(_ state: AppState, cache: TranscriptCache? = nil, panelCache: PanelCache? = nil) -> Screen {
        let size = state.window.size
        var screen = Screen(size: size)
        let input = InputLayout(for: state)
        guard let layout = ScreenLayout(for: state, input: input) else {
            let minimum = ScreenLayout.minimumSize
            let message = "Terminal too small: need \(minimum.width)×\(minimum.height), have \(size.width)×\(size.height)"
            for (row, line) in TextWrapper.wrap(message, width: size.width).prefix(size.height).enumerated() {
                screen.write(line, at: Point(x: 0, y: row), width: size.width, style: .error)
            }
            return screen
        }
        inputBox(for: state, layout: input).render(divider: layout.inputDivider, input: layout.input, on: &screen)
        if let panel = layout.panel {
            if let panelCache {
                panelCache.render(state, in: panel, on: &screen)
            } else {
                ParameterPanelView(state: state).render(in: panel, on: &screen)
            }
        }
        StatusBarView(state: state).render(in: layout.statusBar, on: &screen)
        // The transcript after the parts beside it (none overlaps it): the cache keeps this
        // frame's cells to copy rows from next frame, and a write after that would copy the
        // whole screen first. Only an overlay, drawn over it, still does.
        if let comparison = state.reply.comparison {
            ComparisonView(state: state, comparison: comparison).render(in: layout.transcript, on: &screen)
        } else {
            TranscriptView(state: state, cache: cache).render(in: layout.transcript, on: &screen)
        }
        if let picker = state.browser.picker {
            screen.cursor = nil
            let area = Rect(x: 0, y: 0, width: size.width, height: layout.statusBar.y)
            ConversationPickerView(picker: picker, wallTime: state.window.wallTime).render(in: area, on: &screen)
        }
        if let selection = state.viewport.mapSelection {
            screen.cursor = nil
            TreeMapView(state: state, selection: selection).render(in: layout.transcript, on: &screen)
        }
        if let inspector = state.window.inspector {
            screen.cursor = nil
            let area = Rect(x: 0, y: 0, width: size.width, height: layout.statusBar.y)
            RequestInspectorView(inspector: inspector, reply: state.inspectedReply).render(in: area, on: &screen)
        }
        if let scroll = state.window.helpScroll {
            screen.cursor = nil
            HelpView(scroll: scroll).render(in: Rect(x: 0, y: 0, width: size.width, height: layout.statusBar.y), on: &screen)
        }
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

    /// The input box shows the message being typed, or the system prompt while it is edited.
    private static func inputBox(for state: AppState, layout input: InputLayout) -> InputBoxView {
        if let edit = state.panel.editing, edit.field == .systemPrompt {
            return InputBoxView(
                layout: input, isWaiting: false, isFocused: true, label: "system prompt: Enter saves · Esc cancels · Ctrl-J new line")
        }
        let label =
            state.window.focus == .transcript
            ? "▲ transcript: ↑↓ PgUp PgDn Home End scroll · j k r y e c [ ] · Tab" : commandHint(for: state.composer.input)
        return InputBoxView(
            layout: input, isWaiting: state.reply.active != nil, isFocused: state.window.focus == .input && state.panel.editing == nil, label: label)
    }
}
