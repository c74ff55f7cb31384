import PodchatCore

/// The side panel: every field the next request uses, grouped under small headings, changed
/// values highlighted, the selected field's type, range, default and step at the bottom. The
/// list scrolls to keep the selection in view; a value being edited is drawn in its row.
struct ParameterPanelView {
    /// The detail area: the field's name, then up to four wrapped lines.
    private static let detailRows = 5

    let state: AppState

    private var isFocused: Bool { state.focus == .panel }

    func render(in area: Rect, on screen: inout Screen) {
        for y in area.y..<area.maxY {
            screen.write("│", at: Point(x: area.x, y: y), width: 1, style: isFocused ? .borderFocused : .border)
        }
        guard let geometry = Self.geometry(in: area) else { return }
        screen.write("Sampling", at: Point(x: geometry.content.x, y: geometry.content.y), width: geometry.content.width, style: isFocused ? .panelTitleFocused : .panelTitle)
        renderList(in: geometry.list, titleRow: geometry.content.y, on: &screen)
        if let detail = geometry.detail { renderDetail(in: detail, on: &screen) }
    }

    /// Where the panel's parts go in `area`: the content beside the divider, the list of
    /// fields, and the detail at the bottom when there is room; nil when too small to draw.
    private static func geometry(in area: Rect) -> (content: Rect, list: Rect, detail: Rect?)? {
        let content = Rect(x: area.x + 2, y: area.y, width: area.width - 3, height: area.height)
        guard content.width > 8, content.height > 1 else { return nil }
        let showsDetail = content.height >= 14
        let list = Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1 - (showsDetail ? detailRows + 1 : 0))
        let detail = showsDetail ? Rect(x: content.x, y: content.maxY - detailRows, width: content.width, height: detailRows) : nil
        return (content, list, detail)
    }

    /// The first list row on screen: the selection stays in view, and the list scrolls no
    /// further than it must.
    private static func firstVisibleLine(selection: Int, listHeight: Int) -> Int {
        let selectedLine = PanelLine.all.firstIndex(of: .field(selection)) ?? 0
        return max(0, min(selectedLine - listHeight + 1, PanelLine.all.count - listHeight))
    }

    /// The field drawn at `point` in a panel occupying `area`, as the last frame showed it.
    static func field(at point: Point, in area: Rect, selection: Int) -> Int? {
        guard let list = geometry(in: area)?.list, list.contains(point) else { return nil }
        let line = firstVisibleLine(selection: selection, listHeight: list.height) + point.y - list.y
        guard PanelLine.all.indices.contains(line), case .field(let index) = PanelLine.all[line] else { return nil }
        return index
    }

    // MARK: - The list

    private func renderList(in list: Rect, titleRow: Int, on screen: inout Screen) {
        let lines = PanelLine.all
        let first = Self.firstVisibleLine(selection: state.panelSelection, listHeight: list.height)
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
        let isSelected = index == state.panelSelection
        if isSelected {
            screen.write("›", at: Point(x: list.x - 1, y: y), width: 1, style: isFocused ? .panelSelection : .dim)
        }
        if let edit = state.editing, edit.field == field, field != .systemPrompt {
            renderEdit(edit, of: field, at: y, in: list, on: &screen)
            return
        }
        let value = Self.fitted(state.displayValue(of: field), width: list.width / 2)
        let valueWidth = DisplayWidth.of(value)
        let labelStyle: Style = isSelected && isFocused ? .panelSelection : .panelLabel
        if isSelected && isFocused { screen.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: .panelSelection) }
        screen.write(Self.fitted(field.name, width: list.width - valueWidth - 1), at: Point(x: list.x, y: y), width: list.width, style: labelStyle)
        let valueStyle: Style =
            state.isChanged(field) ? .panelValueChanged
            : state.isUnset(field) ? .dim
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
        let field = state.selectedField
        let (text, style) = detailText(for: field)
        let title = state.editing?.field == field ? "editing \(field.name)" : field.name
        screen.write(title, at: Point(x: area.x, y: area.y), width: area.width, style: .panelTitle)
        for (row, line) in TextWrapper.wrap(text, width: area.width).prefix(area.height - 1).enumerated() {
            screen.write(line, at: Point(x: area.x, y: area.y + 1 + row), width: area.width, style: style)
        }
    }

    private func detailText(for field: PanelField) -> (String, Style) {
        guard let edit = state.editing, edit.field == field else { return (state.detail(of: field), .dim) }
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
