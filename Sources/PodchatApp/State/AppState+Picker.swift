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
        return browser.pickerEffects { picker in picker.editQuery(with: key) ? [picker.searchEffect()] : [] }
    }

    mutating func performPickerAction(_ action: KeyAction.Picker) -> [Effect] {
        switch action {
        case .closePicker: browser.close()
        case .pickPrevious, .pickNext, .pickPreviousPage, .pickNextPage, .pickFirst, .pickLast:
            let page = pickerPage
            return browser.pickerEffects { picker in
                Self.move(&picker, for: action, page: page)
                return picker.windowEffects()
            } + browser.previewEffects
        case .openPicked:
            return browser.picker?.selected.map { leaveConversation() + [.storage(.load($0.id))] } ?? []
        case .renamePicked: browser.updatePicker { $0.beginRename() }
        case .deletePicked: browser.updatePicker { $0.confirmDelete() }
        }
        return []
    }

    /// How many conversations the picker shows at once, as it is drawn now.
    private var pickerPage: Int {
        ScreenLayout(for: self).map { PickerGeometry.conversationsFitting(pickerHeight: $0.statusBar.y) } ?? 1
    }

    /// Moves the picker's selection for `action`, by one, a page, or to either end.
    private static func move(_ picker: inout ConversationPicker, for action: KeyAction.Picker, page: Int) {
        switch action {
        case .pickPrevious: picker.move(by: -1)
        case .pickNext: picker.move(by: 1)
        case .pickPreviousPage: picker.move(by: -page)
        case .pickNextPage: picker.move(by: page)
        case .pickFirst: picker.move(to: 0)
        case .pickLast: picker.move(to: picker.total - 1)
        case .openPicked, .renamePicked, .deletePicked, .closePicker: break
        }
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
