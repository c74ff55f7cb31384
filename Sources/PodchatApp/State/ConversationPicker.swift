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

    /// How many conversations of the listing the picker asks for at a time.
    package static let windowSize = 200
    /// A window is asked for when the selection comes this close to an edge of the one held
    /// (or of the one asked for): 20 pages of a 24-row terminal, so scrolling rarely waits.
    package static let windowMargin = 50

    package private(set) var query = LineEditor()
    /// The conversations at positions `offset`..., newest first: for an empty query a window of
    /// the listing around the selection, for a search all its results.
    package private(set) var conversations: [ConversationSummary] = []
    /// The position in the whole listing of the first of `conversations`.
    package private(set) var offset = 0
    /// How many conversations match the query, loaded or not.
    package private(set) var total = 0
    /// Files that could not be read: shown with the reason, never selectable.
    package private(set) var unreadable: [ConversationStoreError] = []
    /// Whether the store has answered the current query.
    package private(set) var hasAnswer = false
    /// The selected position in the whole listing, which may be outside the loaded window.
    package private(set) var selection = 0
    package private(set) var mode = Mode.browsing
    /// The selected conversation as stored, once loaded.
    package private(set) var preview: ConversationRecord?
    /// The window asked for and not yet answered; any other window that arrives is stale.
    private var requested: Range<Int>?
    /// The query changed since the last answer: the next one places the selection anew.
    private var queryChanged = true

    package init() {}

    /// The conversation at `position` of the listing; nil while it is not loaded.
    package func conversation(at position: Int) -> ConversationSummary? {
        conversations.indices.contains(position - offset) ? conversations[position - offset] : nil
    }

    /// The selected conversation; nil while its row is not loaded (or there is none).
    package var selected: ConversationSummary? { conversation(at: selection) }

    /// What to ask the store for the current query: the first window of the listing, or a search.
    mutating func searchEffect() -> Effect {
        guard query.text.isEmpty else { return .storage(.search(query: query.text)) }
        return request(0..<Self.windowSize)
    }

    /// The window to ask for after the selection moved: one centred on it, when it came within
    /// the margin of an edge of what is held or asked for, beyond which there is more.
    mutating func windowEffects() -> [Effect] {
        guard query.text.isEmpty, hasAnswer, total > 0 else { return [] }
        let covered = requested ?? offset..<offset + conversations.count
        let nearStart = covered.lowerBound > 0 && selection - Self.windowMargin < covered.lowerBound
        let nearEnd = covered.upperBound < total && selection + Self.windowMargin >= covered.upperBound
        guard nearStart || nearEnd else { return [] }
        let start = max(0, min(selection - Self.windowSize / 2, total - Self.windowSize))
        return [request(start..<start + Self.windowSize)]
    }

    private mutating func request(_ window: Range<Int>) -> Effect {
        requested = window
        return .storage(.list(offset: window.lowerBound, limit: window.count))
    }

    /// A key typed in the search box; true when the query changed.
    mutating func editQuery(with key: Key) -> Bool {
        let before = query.text
        query.handle(key, allowsNewlines: false)
        guard query.text != before else { return false }
        queryChanged = true
        requested = nil
        return true
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

    /// Shows a window of the listing if it is the one asked for last; a window asked for
    /// before the query or the selection moved on arrives late and is dropped.
    mutating func showWindow(_ window: ConversationWindow) -> Bool {
        guard query.text.isEmpty, window.offset == requested?.lowerBound else { return false }
        requested = nil
        show(window.conversations, from: window.offset, of: window.total, unreadable: window.unreadable)
        return true
    }

    /// Shows search results if they answer the current query; results for an older query
    /// arrive late and are dropped.
    mutating func showResults(_ results: ConversationListing, for text: String) -> Bool {
        guard text == query.text else { return false }
        show(results.conversations, from: 0, of: results.conversations.count, unreadable: results.unreadable)
        return true
    }

    /// Takes in rows from one answer of the store. The selection follows its conversation if
    /// the rows hold it; otherwise it stays where it was, or after a new query goes to the top.
    private mutating func show(_ rows: [ConversationSummary], from start: Int, of count: Int, unreadable files: [ConversationStoreError]) {
        let selectedID = selected?.id
        let isNewQuery = queryChanged
        conversations = rows
        offset = start
        total = count
        unreadable = files
        hasAnswer = true
        queryChanged = false
        if let found = rows.firstIndex(where: { $0.id == selectedID }) {
            selection = start + found
        } else {
            selection = isNewQuery ? 0 : max(0, min(selection, total - 1))
        }
    }

    /// Moves the selection by `step` positions, stopping at the first and the last.
    mutating func move(by step: Int) {
        move(to: selection + step)
    }

    /// Selects the conversation at `position`, or the nearest there is.
    mutating func move(to position: Int) {
        selection = max(0, min(total - 1, position))
    }

    mutating func showPreview(_ record: ConversationRecord) {
        if record.id == selected?.id { preview = record }
    }

    mutating func renamed(_ id: String, to title: String) {
        if let index = conversations.firstIndex(where: { $0.id == id }) { conversations[index].title = title }
        if preview?.id == id { preview?.title = title }
    }

    /// A deleted conversation leaves the rows; those after it move up a position.
    mutating func removed(_ id: String) {
        if let index = conversations.firstIndex(where: { $0.id == id }) {
            conversations.remove(at: index)
            total -= 1
        }
        if preview?.id == id { preview = nil }
        selection = max(0, min(selection, total - 1))
    }
}
