import PodchatCore
import PodchatStorage

/// The conversation picker's state: the search text, the conversations that match it, the
/// selection and its preview, and whether a rename or a delete is under way.
package struct ConversationPicker: Sendable, Equatable {
    /// What the keys do now.
    package enum Mode: Sendable, Equatable {
        case browsing
        /// The selected conversation's new title being typed.
        case renaming(LineEditor)
        /// Waiting for `y` or `n`.
        case confirmingDelete
    }

    package private(set) var query = LineEditor()
    /// The conversations matching the query, newest first; all of them for an empty query.
    package private(set) var conversations: [ConversationSummary] = []
    /// Files that could not be read: shown with the reason, never selectable.
    package private(set) var unreadable: [ConversationStoreError] = []
    /// Whether the store has answered the current query.
    package private(set) var hasAnswer = false
    package private(set) var selection = 0
    package private(set) var mode = Mode.browsing
    /// The selected conversation as stored, once loaded.
    package private(set) var preview: ConversationRecord?

    package init() {}

    package var selected: ConversationSummary? {
        conversations.indices.contains(selection) ? conversations[selection] : nil
    }

    /// What to ask the store for the current query.
    var searchEffect: Effect {
        .storage(query.text.isEmpty ? .list : .search(query: query.text))
    }

    /// A key typed in the search box; true when the query changed.
    mutating func editQuery(with key: Key) -> Bool {
        let before = query.text
        query.handle(key, allowsNewlines: false)
        return query.text != before
    }

    /// F2 or Ctrl-R: the selected conversation's title becomes editable.
    mutating func beginRename() {
        if let selected { mode = .renaming(LineEditor(selected.title)) }
    }

    /// A key typed in the new title.
    mutating func editRename(with key: Key) {
        guard case .renaming(var editor) = mode else { return }
        editor.handle(key, allowsNewlines: false)
        mode = .renaming(editor)
    }

    /// A paste into the new title, as one line.
    mutating func pasteIntoRename(_ text: String) {
        guard case .renaming(var editor) = mode else { return }
        editor.insert(text.joiningLines)
        mode = .renaming(editor)
    }

    /// Delete or Ctrl-D: waits for `y` or `n`.
    mutating func confirmDelete() {
        if selected != nil { mode = .confirmingDelete }
    }

    /// Back from a rename or a delete question to the list.
    mutating func browse() {
        mode = .browsing
    }

    /// Shows a full listing, unless the query has changed since it was asked for.
    mutating func showListing(_ listing: ConversationListing) -> Bool {
        guard query.text.isEmpty else { return false }
        show(listing.conversations, unreadable: listing.unreadable)
        return true
    }

    /// Shows search results if they answer the current query; results for an older query
    /// arrive late and are dropped.
    mutating func showResults(_ results: ConversationListing, for text: String) -> Bool {
        guard text == query.text else { return false }
        show(results.conversations, unreadable: results.unreadable)
        return true
    }

    private mutating func show(_ results: [ConversationSummary], unreadable files: [ConversationStoreError]) {
        let selectedID = selected?.id
        conversations = results
        unreadable = files
        hasAnswer = true
        selection = results.firstIndex { $0.id == selectedID } ?? 0
    }

    mutating func move(by offset: Int) {
        selection = max(0, min(conversations.count - 1, selection + offset))
    }

    mutating func showPreview(_ record: ConversationRecord) {
        if record.id == selected?.id { preview = record }
    }

    mutating func renamed(_ id: String, to title: String) {
        if let index = conversations.firstIndex(where: { $0.id == id }) { conversations[index].title = title }
        if preview?.id == id { preview?.title = title }
    }

    mutating func removed(_ id: String) {
        conversations.removeAll { $0.id == id }
        if preview?.id == id { preview = nil }
        selection = max(0, min(selection, conversations.count - 1))
    }
}
