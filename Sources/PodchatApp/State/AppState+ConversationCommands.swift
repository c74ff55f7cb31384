import PodchatCore
import PodchatStorage

/// `/save`, `/load`, `/new`, `/title` and `/export`, and what the store answers. The files are
/// the ``EffectRunner``'s business: the state asks with an effect and hears back with an event.
extension AppState {
    /// `/save [NAME]`: saves now; NAME becomes the title.
    mutating func runSave(_ arguments: Substring) -> [Effect]? {
        guard !entries.isEmpty else {
            show("Nothing to save yet: send a message first", expiresIn: .seconds(4), isError: true)
            return nil
        }
        if !arguments.isEmpty { retitle(String(arguments)) }
        show("Saved \"\(title)\"", expiresIn: .seconds(3))
        return saveEffects()
    }

    /// `/title NEW`: renames the conversation and saves it.
    mutating func runTitle(_ arguments: Substring) -> [Effect]? {
        guard !arguments.isEmpty else {
            show("Usage: /title NEW TITLE", expiresIn: .seconds(5), isError: true)
            return nil
        }
        retitle(String(arguments))
        show("Title: \(title)", expiresIn: .seconds(3))
        return saveEffects()
    }

    private mutating func retitle(_ newTitle: String) {
        title = newTitle
        updatedAt = wallTime
    }

    /// `/load NAME`: saves the conversation on screen, then asks for the other one.
    mutating func runLoad(_ arguments: Substring) -> [Effect]? {
        guard !arguments.isEmpty else {
            show("Usage: /load NAME (a title or an id; Tab completes, Ctrl-O lists)", expiresIn: .seconds(5), isError: true)
            return nil
        }
        return leaveConversation() + [.loadConversation(String(arguments))]
    }

    /// `/new`: saves the conversation on screen and starts an empty one.
    mutating func runNew() -> [Effect] {
        let effects = leaveConversation()
        startNewConversation()
        show("New conversation", expiresIn: .seconds(3))
        return effects
    }

    /// `/export [md|json] [FILE]`, by default `./<title-slug>.md`.
    mutating func runExport(_ words: [String]) -> [Effect]? {
        var rest = words[...]
        let format = rest.first.flatMap(ExportFormat.init(rawValue:)) ?? .markdown
        if rest.first == format.rawValue { rest = rest.dropFirst() }
        guard !entries.isEmpty else {
            show("Nothing to export yet: send a message first", expiresIn: .seconds(4), isError: true)
            return nil
        }
        let path = rest.isEmpty ? "./\(Self.slug(of: title)).\(format.fileExtension)" : rest.joined(separator: " ")
        return [.exportConversation(record, format: format, path: path)]
    }

    /// `title` as a file name: lower-case letters and digits joined by `-`.
    static func slug(of title: String) -> String {
        let words = title.lowercased().split { !($0.isLetter || $0.isNumber) }
        let slug = String(words.joined(separator: "-").prefix(60))
        return slug.isEmpty ? "conversation" : slug
    }

    // MARK: - Completion

    /// Tab after `/load `: completes a stored title or id from the latest listing, asking for
    /// one first when there is none yet.
    mutating func completeConversationName() -> [Effect] {
        guard let known = knownConversations else {
            completesLoadWhenListed = true
            return [.listConversations]
        }
        let partial = input.text.dropFirst("/load ".count).lowercased()
        let names = known.flatMap { [$0.title, $0.id] }.filter { $0.lowercased().hasPrefix(partial) }
        let candidates = names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        switch candidates.count {
        case 0: show("No conversation starts with \(partial)", expiresIn: .seconds(3), isError: true)
        case 1: input = LineEditor("/load " + candidates[0])
        default: show(candidates.prefix(8).joined(separator: " · "), expiresIn: .seconds(6))
        }
        return []
    }

    // MARK: - What the store answers

    mutating func handleConversationResult(_ event: Event) -> [Effect] {
        switch event {
        case .conversationLoaded(let record): open(record)
        case .conversationPreviewLoaded(let record): picker?.showPreview(record)
        case .conversationsListed(let listing): return listed(listing)
        case .conversationsFound(let query, let results):
            guard picker?.showResults(results, for: query) == true else { return [] }
            return pickerPreviewEffects()
        case .conversationRenamed(let id, let newTitle):
            picker?.renamed(id, to: newTitle)
            if id == conversationID { title = newTitle }
            show("Renamed to \"\(newTitle)\"", expiresIn: .seconds(3))
        case .conversationDeleted(let id): return deleted(id)
        case .conversationExported(let path): show("Exported to \(path)", expiresIn: .seconds(5))
        case .conversationStoreFailed(let action, let error):
            show("Could not \(action) \(error.path): \(error.reason)", expiresIn: .seconds(10), isError: true)
        default: break
        }
        return []
    }

    private mutating func open(_ record: ConversationRecord) {
        do {
            try restore(record)
        } catch {
            show("Could not load \(error.path): \(error.reason)", expiresIn: .seconds(10), isError: true)
            return
        }
        picker = nil
        focus = .input
        show("Loaded \"\(title)\" (\(entries.count) messages)", expiresIn: .seconds(4))
    }

    private mutating func listed(_ listing: ConversationListing) -> [Effect] {
        knownConversations = listing.conversations
        if completesLoadWhenListed, input.text.hasPrefix("/load ") {
            completesLoadWhenListed = false
            return completeConversationName()
        }
        guard picker?.showListing(listing) == true else { return [] }
        return pickerPreviewEffects()
    }

    /// A deleted conversation leaves the picker; deleting the one on screen starts a new one.
    private mutating func deleted(_ id: String) -> [Effect] {
        picker?.removed(id)
        knownConversations?.removeAll { $0.id == id }
        if id == conversationID { startNewConversation() }
        show("Deleted", expiresIn: .seconds(3))
        return pickerPreviewEffects()
    }
}
