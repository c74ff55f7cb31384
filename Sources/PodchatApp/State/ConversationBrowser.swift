import PodchatCore
import PodchatStorage

/// The stored conversations as the window knows them: the picker (Ctrl-O) while it is open.
/// Nothing is kept of the listing beyond the picker's window: Tab after `/load ` asks the store.
package struct ConversationBrowser: Sendable, Equatable {
    package private(set) var picker: ConversationPicker?

    var isOpen: Bool { picker != nil }

    /// Opens the picker, which shows that it is reading until the first window comes.
    mutating func open() -> Effect {
        var opened = ConversationPicker()
        let effect = opened.searchEffect()
        picker = opened
        return effect
    }

    mutating func close() {
        picker = nil
    }

    /// Changes the open picker with `change`.
    mutating func updatePicker(_ change: (inout ConversationPicker) -> Void) {
        guard var current = picker else { return }
        change(&current)
        picker = current
    }

    /// Changes the open picker with `change`, which returns effects; none when it is closed.
    mutating func pickerEffects(_ change: (inout ConversationPicker) -> [Effect]) -> [Effect] {
        guard var current = picker else { return [] }
        let effects = change(&current)
        picker = current
        return effects
    }

    /// The selected conversation's messages are asked for when the preview shows another one.
    var previewEffects: [Effect] {
        guard let selected = picker?.selected, picker?.preview?.id != selected.id else { return [] }
        return [.storage(.loadPreview(id: selected.id))]
    }
}
