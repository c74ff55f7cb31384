import PodchatCore

/// The side panel: every field the next request uses, grouped under small headings, changed
/// values highlighted, the selected field's type, range, default and step at the bottom. The
/// list scrolls to keep the selection in view; a value being edited is drawn in its row.
struct ParameterPanelView {
    let state: AppState

    private var isFocused: Bool { state.window.focus == .panel }

    func render(in area: Rect, on screen: inout Screen) {
        for y in area.y..<area.maxY {
            screen.write("│", at: Point(x: area.x, y: y), width: 1, style: isFocused ? .borderFocused : .border)
        }
        guard let geometry = PanelGeometry(in: area) else { return }
        screen.write(
            state.panel.sideA == nil ? "Sampling" : "Side B · v compares",
            at: Point(x: geometry.content.x, y: geometry.content.y), width: geometry.content.width,
            style: isFocused ? .panelTitleFocused : .panelTitle)
        renderList(geometry, on: &screen)
        if let detail = geometry.detail { renderDetail(in: detail, on: &screen) }
    }

    // MARK: - The list

    private func renderList(_ geometry: PanelGeometry, on screen: inout Screen) {
        let (list, titleRow) = (geometry.list, geometry.content.y)
        let lines = PanelLine.all
        let first = geometry.firstVisibleLine(selection: state.panel.selection)
        for row in 0..<list.height where first + row < lines.count {
            let y = list.y + row
            switch lines[first + row] {
            case .heading(let text): screen.write(text, at: Point(x: list.x, y: y), width: list.width, style: .panelHeading)
            case .note(let text): screen.write(text, at: Point(x: list.x, y: y), width: list.width, style: .dim)
            case .field(let index): renderField(index, at: y, in: list, on: &screen)
            }
        }
        let arrows = (first > 0 ? "▲" : "") + (first + list.height < lines.count ? "▼" : "")
        let width = DisplayWidth.of(arrows)
        screen.write(arrows, at: Point(x: list.maxX - width, y: titleRow), width: width, style: .dim)
    }

    private func renderField(_ index: Int, at y: Int, in list: Rect, on screen: inout Screen) {
        let field = PanelField.all[index]
        let isSelected = index == state.panel.selection
        if isSelected {
            screen.write("›", at: Point(x: list.x - 1, y: y), width: 1, style: isFocused ? .panelSelection : .dim)
        }
        if let edit = state.panel.editing, edit.field == field, field != .systemPrompt {
            renderEdit(edit, of: field, at: y, in: list, on: &screen)
            return
        }
        let value = Self.fitted(state.conversation.values.displayValue(of: field), width: list.width / 2)
        let valueWidth = DisplayWidth.of(value)
        let labelStyle: Style = isSelected && isFocused ? .panelSelection : .panelLabel
        if isSelected && isFocused { screen.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: .panelSelection) }
        screen.write(Self.fitted(field.name, width: list.width - valueWidth - 1), at: Point(x: list.x, y: y), width: list.width, style: labelStyle)
        let valueStyle: Style =
            state.conversation.values.isChanged(field)
            ? .panelValueChanged
            : state.conversation.values.isUnset(field)
                ? .dim
                : (isSelected && isFocused ? .panelSelection : .panelValue)
        screen.write(value, at: Point(x: list.maxX - valueWidth, y: y), width: valueWidth, style: valueStyle)
    }

    /// The field's name, then the text being typed in the rest of the row, scrolled to keep
    /// the caret in view; the terminal cursor goes to the caret.
    private func renderEdit(_ edit: FieldEdit, of field: PanelField, at y: Int, in list: Rect, on screen: inout Screen) {
        let label = Self.fitted(field.name, width: list.width / 2)
        let x = list.x + screen.write(label, at: Point(x: list.x, y: y), width: list.width, style: .panelLabel) + 1
        let room = list.maxX - x
        screen.fill(Rect(x: x, y: y, width: room, height: 1), style: .panelEditing)
        let characters = edit.editor.characters
        var start = 0
        while start < edit.editor.caret && DisplayWidth.of(String(characters[start..<edit.editor.caret])) >= room { start += 1 }
        screen.write(String(characters[start...]), at: Point(x: x, y: y), width: room, style: .panelEditing)
        screen.cursor = Point(x: x + DisplayWidth.of(String(characters[start..<edit.editor.caret])), y: y)
    }

    // MARK: - The detail area

    private func renderDetail(in area: Rect, on screen: inout Screen) {
        let rule = String(repeating: "─", count: area.width)
        screen.write(rule, at: Point(x: area.x, y: area.y - 1), width: area.width, style: .border)
        let field = state.panel.selectedField
        let (text, style) = detailText(for: field)
        let title = state.panel.editing?.field == field ? "editing \(field.name)" : field.name
        screen.write(title, at: Point(x: area.x, y: area.y), width: area.width, style: .panelTitle)
        for (row, line) in TextWrapper.wrap(text, width: area.width).prefix(area.height - 1).enumerated() {
            screen.write(line, at: Point(x: area.x, y: area.y + 1 + row), width: area.width, style: style)
        }
    }

    private func detailText(for field: PanelField) -> (String, Style) {
        guard let edit = state.panel.editing, edit.field == field else { return (state.conversation.values.detail(of: field), .dim) }
        if field == .systemPrompt { return ("in the input box below: Enter saves, Esc cancels, Ctrl-J adds a line", .dim) }
        if let problem = state.editProblem { return (problem, .error) }
        return ("Enter sets it, Esc cancels; empty or model unsets it", .dim)
    }

    /// `text` cut to `width` columns, with an ellipsis when something was cut.
    static func fitted(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }
}
