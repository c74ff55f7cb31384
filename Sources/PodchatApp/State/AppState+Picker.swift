import PodchatCore
import PodchatStorage

/// The conversation picker's keys (Ctrl-O): type to search, ↑ ↓ select, Enter open, F2 or
/// Ctrl-R rename, Delete or Ctrl-D delete after a `y`, Esc close.
extension AppState {
    mutating func openPicker() -> [Effect] {
        picker = ConversationPicker()
        return [.listConversations]
    }

    mutating func handlePickerKey(_ key: Key) -> [Effect] {
        guard let current = picker else { return [] }
        switch current.mode {
        case .browsing: return handleBrowsingKey(key)
        case .renaming(let editor): return handleRenamingKey(key, editor: editor)
        case .confirmingDelete: return handleDeleteConfirmationKey(key)
        }
    }

    private mutating func handleBrowsingKey(_ key: Key) -> [Effect] {
        if let action = Keymap.action(for: [key], in: .picker) { return performPickerAction(action) }
        guard var current = picker else { return [] }
        let query = current.query.text
        edit(&current.query, with: key, allowsNewlines: false)
        picker = current
        return current.query.text == query ? [] : [current.searchEffect]
    }

    mutating func performPickerAction(_ action: KeyAction) -> [Effect] {
        let selected = picker?.selected
        switch action {
        case .closePicker: picker = nil
        case .pickPrevious, .pickNext:
            picker?.move(by: action == .pickPrevious ? -1 : 1)
            return pickerPreviewEffects()
        case .openPicked: return selected.map { leaveConversation() + [.loadConversation($0.id)] } ?? []
        case .renamePicked: if let selected { picker?.mode = .renaming(LineEditor(selected.title)) }
        case .deletePicked: if selected != nil { picker?.mode = .confirmingDelete }
        default: break
        }
        return []
    }

    private mutating func handleRenamingKey(_ key: Key, editor: LineEditor) -> [Effect] {
        var editor = editor
        switch key {
        case .escape: picker?.mode = .browsing
        case .enter:
            let newTitle = editor.text.trimmingWhitespace
            guard !newTitle.isEmpty, let id = picker?.selected?.id else { return [] }
            picker?.mode = .browsing
            return [.renameConversation(id: id, title: newTitle)]
        default:
            edit(&editor, with: key, allowsNewlines: false)
            picker?.mode = .renaming(editor)
        }
        return []
    }

    private mutating func handleDeleteConfirmationKey(_ key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"):
            picker?.mode = .browsing
            return picker?.selected.map { [.deleteConversation(id: $0.id)] } ?? []
        case .character("n"), .character("N"), .escape: picker?.mode = .browsing
        default: break
        }
        return []
    }

    /// Asks for the selected conversation's messages when the preview shows another one.
    mutating func pickerPreviewEffects() -> [Effect] {
        guard let selected = picker?.selected, picker?.preview?.id != selected.id else { return [] }
        return [.loadConversationPreview(id: selected.id)]
    }
}
