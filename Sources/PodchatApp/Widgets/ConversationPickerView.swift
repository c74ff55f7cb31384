import PodchatCore
import PodchatStorage

/// The conversation picker (Ctrl-O), drawn over the window: the search line, the conversations
/// newest first (title, size and age, with a snippet under each), unreadable files as dim lines,
/// and on a wide terminal the selected conversation's first messages on the right.
struct ConversationPickerView {
    /// Below this inner width the preview is left out, so titles keep their room.
    static let previewMinimumWidth = 90

    let picker: ConversationPicker
    /// The wall time now, for "3h ago".
    let wallTime: Double

    func render(in area: Rect, on screen: inout Screen) {
        guard area.width >= 20, area.height >= 6 else { return }
        screen.fill(area, style: .normal)
        drawFrame(area, on: &screen)
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
        drawSearch(at: inner.y, in: inner, on: &screen)
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: PickerGeometry.listHeight(pickerHeight: area.height))
        let listWidth = inner.width >= Self.previewMinimumWidth ? inner.width / 2 : inner.width
        drawList(in: Rect(x: body.x, y: body.y, width: listWidth, height: body.height), on: &screen)
        if listWidth < inner.width {
            drawPreview(in: Rect(x: body.x + listWidth + 1, y: body.y, width: inner.width - listWidth - 1, height: body.height), on: &screen)
        }
        drawFooter(at: inner.maxY - 1, in: inner, on: &screen)
    }

    private func drawFrame(_ area: Rect, on screen: inout Screen) {
        let horizontal = String(repeating: "─", count: area.width - 2)
        screen.write("┌" + horizontal + "┐", at: Point(x: area.x, y: area.y), width: area.width, style: .borderFocused)
        screen.write("└" + horizontal + "┘", at: Point(x: area.x, y: area.maxY - 1), width: area.width, style: .borderFocused)
        for y in area.y + 1..<area.maxY - 1 {
            screen.write("│", at: Point(x: area.x, y: y), width: 1, style: .borderFocused)
            screen.write("│", at: Point(x: area.maxX - 1, y: y), width: 1, style: .borderFocused)
        }
        screen.write(" Conversations ", at: Point(x: area.x + 2, y: area.y), width: area.width - 4, style: .panelTitleFocused)
        if let position = positionText {
            let width = DisplayWidth.of(position)
            screen.write(position, at: Point(x: area.maxX - 2 - width, y: area.y), width: width, style: .panelTitleFocused)
        }
    }

    /// " 12 of 10,000 ": where the selection is among all that match, loaded or not.
    private var positionText: String? {
        guard picker.hasAnswer, picker.total > 0 else { return nil }
        return " \(Self.grouped(picker.selection + 1)) of \(Self.grouped(picker.total)) "
    }

    /// `10000` as `10,000`, the same in every locale, as the rest of the window writes numbers.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : String(digit)
        }.joined()
    }

    private func drawSearch(at y: Int, in inner: Rect, on screen: inout Screen) {
        let label = "Search: "
        let x = inner.x + screen.write(label, at: Point(x: inner.x, y: y), width: inner.width, style: .panelLabel)
        if picker.query.characters.isEmpty {
            screen.write("type to search titles and messages", at: Point(x: x, y: y), width: inner.maxX - x, style: .placeholder)
        } else {
            screen.write(picker.query.text, at: Point(x: x, y: y), width: inner.maxX - x, style: .inputText)
        }
        if picker.mode == .browsing {
            screen.cursor = Point(x: x + DisplayWidth.of(String(picker.query.characters[..<picker.query.caret])), y: y)
        }
        screen.write(String(repeating: "─", count: inner.width), at: Point(x: inner.x, y: y + 1), width: inner.width, style: .border)
    }

    // MARK: - The list

    private func drawList(in list: Rect, on screen: inout Screen) {
        guard picker.hasAnswer else {
            screen.write("Reading conversations…", at: Point(x: list.x, y: list.y), width: list.width, style: .dim)
            return
        }
        if picker.total == 0 && picker.unreadable.isEmpty {
            let text = picker.query.text.isEmpty ? "No saved conversations yet" : "No conversation matches \(picker.query.text)"
            screen.write(text, at: Point(x: list.x, y: list.y), width: list.width, style: .dim)
            return
        }
        // The selection stays in view; only the positions on screen are looked at.
        let fits = max(1, list.height / PickerGeometry.rowsPerConversation)
        let first = max(0, picker.selection - fits + 1)
        var y = list.y
        for position in first..<min(picker.total, first + fits) where y + 1 < list.maxY {
            if let summary = picker.conversation(at: position) {
                drawConversation(summary, isSelected: position == picker.selection, at: y, in: list, on: &screen)
            } else {
                drawLoading(isSelected: position == picker.selection, at: y, in: list, on: &screen)
            }
            y += PickerGeometry.rowsPerConversation
        }
        for file in picker.unreadable where y < list.maxY {
            screen.write(
                ParameterPanelView.fitted("⚠ \(file.path): \(file.reason)", width: list.width - 2), at: Point(x: list.x + 2, y: y),
                width: list.width - 2, style: .dim)
            y += 1
        }
    }

    private func drawConversation(_ summary: ConversationSummary, isSelected: Bool, at y: Int, in list: Rect, on screen: inout Screen) {
        if isSelected { drawSelectionMark(at: y, in: list, on: &screen) }
        let details = " \(summary.messageCount) msgs · \(Self.age(wallTime - summary.updatedAt)) "
        let detailsWidth = DisplayWidth.of(details)
        let titleWidth = list.width - 2 - detailsWidth
        if isSelected, case .renaming(let editor) = picker.mode {
            drawRename(editor, at: Point(x: list.x + 2, y: y), width: titleWidth, on: &screen)
        } else {
            let title = ParameterPanelView.fitted(summary.title.isEmpty ? "(untitled)" : summary.title, width: titleWidth)
            screen.write(title, at: Point(x: list.x + 2, y: y), width: titleWidth, style: isSelected ? .panelSelection : .panelLabel)
        }
        screen.write(details, at: Point(x: list.maxX - detailsWidth, y: y), width: detailsWidth, style: isSelected ? .panelSelection : .dim)
        drawSnippet(of: summary, at: Point(x: list.x + 4, y: y + 1), width: list.width - 4, on: &screen)
    }

    /// A position whose conversation is still being read: a placeholder, never another row.
    private func drawLoading(isSelected: Bool, at y: Int, in list: Rect, on screen: inout Screen) {
        if isSelected { drawSelectionMark(at: y, in: list, on: &screen) }
        screen.write("Loading…", at: Point(x: list.x + 2, y: y), width: list.width - 2, style: isSelected ? .panelSelection : .dim)
    }

    private func drawSelectionMark(at y: Int, in list: Rect, on screen: inout Screen) {
        screen.fill(Rect(x: list.x, y: y, width: list.width, height: 1), style: .panelSelection)
        screen.write("›", at: Point(x: list.x, y: y), width: 1, style: .panelSelection)
    }

    /// The snippet dim, with a search's matching words in bold over it.
    private func drawSnippet(of summary: ConversationSummary, at origin: Point, width: Int, on screen: inout Screen) {
        let snippet = Array(ParameterPanelView.fitted(summary.snippet, width: width))
        screen.write(String(snippet), at: origin, width: width, style: .dim)
        for match in summary.highlights where match.lowerBound < snippet.count {
            let words = String(snippet[match.lowerBound..<min(match.upperBound, snippet.count)])
            let x = DisplayWidth.of(String(snippet[..<match.lowerBound]))
            screen.write(words, at: Point(x: origin.x + x, y: origin.y), width: width - x, style: .strong)
        }
    }

    private func drawRename(_ editor: LineEditor, at origin: Point, width: Int, on screen: inout Screen) {
        screen.fill(Rect(x: origin.x, y: origin.y, width: width, height: 1), style: .panelEditing)
        let characters = editor.characters
        var start = 0
        while start < editor.caret && DisplayWidth.of(String(characters[start..<editor.caret])) >= width { start += 1 }
        screen.write(String(characters[start...]), at: origin, width: width, style: .panelEditing)
        screen.cursor = Point(x: origin.x + DisplayWidth.of(String(characters[start..<editor.caret])), y: origin.y)
    }

    // MARK: - The preview

    private func drawPreview(in area: Rect, on screen: inout Screen) {
        for y in area.y..<area.maxY {
            screen.write("│", at: Point(x: area.x - 1, y: y), width: 1, style: .border)
        }
        let content = Rect(x: area.x + 1, y: area.y, width: area.width - 1, height: area.height)
        guard let record = picker.preview, record.id == picker.selected?.id else { return }
        var lines: [TranscriptLine] = []
        for message in record.messages {
            if lines.count >= content.height { break }
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(Self.label(for: message.role))
            lines += TextWrapper.wrap(message.content, width: content.width - 2).map { TranscriptLine($0, style: .messageText, indent: 2) }
        }
        for (row, line) in lines.prefix(content.height).enumerated() {
            line.draw(at: Point(x: content.x, y: content.y + row), width: content.width, on: &screen)
        }
    }

    private static func label(for role: Role) -> TranscriptLine {
        switch role {
        case .user: return TranscriptLine("You", style: .userLabel)
        case .assistant: return TranscriptLine("Assistant", style: .assistantLabel)
        case .system: return TranscriptLine("System", style: .systemLabel)
        }
    }

    // MARK: - The footer

    private func drawFooter(at y: Int, in inner: Rect, on screen: inout Screen) {
        let (text, style): (String, Style)
        switch picker.mode {
        case .browsing: (text, style) = ("↑↓ select · Enter open · F2 rename · Del delete · Esc close", .dim)
        case .renaming: (text, style) = ("New title: Enter saves · Esc cancels", .dim)
        case .confirmingDelete:
            (text, style) = ("Delete \"\(picker.selected?.title ?? "")\" for good? y deletes · n keeps it", .error)
        }
        screen.write(text, at: Point(x: inner.x, y: y), width: inner.width, style: style)
    }

    /// `just now`, `5m ago`, `3h ago`, `12d ago`: relative, so no time zone is involved.
    static func age(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds))
        switch whole {
        case ..<60: return "just now"
        case ..<3600: return "\(whole / 60)m ago"
        case ..<86_400: return "\(whole / 3600)h ago"
        default: return "\(whole / 86_400)d ago"
        }
    }
}
