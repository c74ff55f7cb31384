import PodchatCore
import PodchatStorage

/// The conversation picker's keys (Ctrl-O): type to search, ↑ ↓ select, Enter open, F2 or
/// Ctrl-R rename, Delete or Ctrl-D delete after a `y`, Esc close.
extension AppState {
    mutating func handlePickerKey(_ key: Key) -> [Effect] {
        guard let current = browser.picker else { return [] }
        switch current.mode {
        case .browsing: return handleBrowsingKey(key)
        case .renaming(let editor): return handleRenamingKey(key, title: editor.text)
        case .confirmingDelete: return handleDeleteConfirmationKey(key)
        }
    }

    private mutating func handleBrowsingKey(_ key: Key) -> [Effect] {
        if case .picker(let action)? = Keymap.action(for: [key], in: .picker) { return performPickerAction(action) }
        var changed = false
        browser.updatePicker { changed = $0.editQuery(with: key) }
        return changed ? browser.picker.map { [$0.searchEffect] } ?? [] : []
    }

    mutating func performPickerAction(_ action: KeyAction.Picker) -> [Effect] {
        switch action {
        case .closePicker: browser.close()
        case .pickPrevious, .pickNext:
            browser.updatePicker { $0.move(by: action == .pickPrevious ? -1 : 1) }
            return browser.previewEffects
        case .openPicked:
            return browser.picker?.selected.map { leaveConversation() + [.storage(.load($0.id))] } ?? []
        case .renamePicked: browser.updatePicker { $0.beginRename() }
        case .deletePicked: browser.updatePicker { $0.confirmDelete() }
        }
        return []
    }

    private mutating func handleRenamingKey(_ key: Key, title: String) -> [Effect] {
        if key == .escape {
            browser.updatePicker { $0.browse() }
        } else if key == .enter {
            let newTitle = title.trimmingWhitespace
            guard !newTitle.isEmpty, let id = browser.picker?.selected?.id else { return [] }
            browser.updatePicker { $0.browse() }
            return [.storage(.rename(id: id, title: newTitle))]
        } else {
            browser.updatePicker { $0.editRename(with: key) }
        }
        return []
    }

    private mutating func handleDeleteConfirmationKey(_ key: Key) -> [Effect] {
        if key == .character("y") || key == .character("Y") {
            browser.updatePicker { $0.browse() }
            return browser.picker?.selected.map { [.storage(.delete(id: $0.id))] } ?? []
        }
        if key == .character("n") || key == .character("N") || key == .escape { browser.updatePicker { $0.browse() } }
        return []
    }
}
