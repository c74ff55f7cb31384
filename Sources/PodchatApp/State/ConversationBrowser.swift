import PodchatCore
import PodchatStorage

/// The stored conversations as the window knows them: the picker (Ctrl-O) while it is open,
/// and the latest listing, which Tab after `/load ` completes names from.
package struct ConversationBrowser: Sendable, Equatable {
    package private(set) var picker: ConversationPicker?
    /// The latest listing of stored conversations.
    package private(set) var known: [ConversationSummary]?
    /// Tab after `/load ` came before any listing; completes when the listing arrives.
    private var completesLoadWhenListed = false

    var isOpen: Bool { picker != nil }

    /// Opens the picker, which shows that it is reading until the listing comes.
    mutating func open() -> Effect {
        picker = ConversationPicker()
        return .storage(.list)
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

    /// Tab after `/load ` before any listing: the listing is asked for, and completes then.
    mutating func completeWhenListed() -> Effect {
        completesLoadWhenListed = true
        return .storage(.list)
    }

    /// Takes in a listing. True when a `/load ` completion was waiting for it.
    mutating func listed(_ listing: ConversationListing) -> Bool {
        known = listing.conversations
        defer { completesLoadWhenListed = false }
        return completesLoadWhenListed
    }

    /// A deleted conversation leaves the picker and the listing.
    mutating func removed(_ id: String) {
        picker?.removed(id)
        known?.removeAll { $0.id == id }
    }

    /// The selected conversation's messages are asked for when the preview shows another one.
    var previewEffects: [Effect] {
        guard let selected = picker?.selected, picker?.preview?.id != selected.id else { return [] }
        return [.storage(.loadPreview(id: selected.id))]
    }
}
