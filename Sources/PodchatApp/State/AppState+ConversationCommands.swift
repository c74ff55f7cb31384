import PodchatCore
import PodchatStorage

/// `/save`, `/load`, `/new`, `/title` and `/export`, and what the store answers. The files are
/// the effect runner's business: the state asks with an effect and hears back with an event.
extension AppState {
    /// `/save [NAME]`: saves now; NAME becomes the title.
    mutating func runSave(_ arguments: Substring) -> CommandOutcome {
        guard !conversation.entries.isEmpty else { return refuse("Nothing to save yet: send a message first", for: .seconds(4)) }
        if !arguments.isEmpty { conversation.retitle(String(arguments), at: window.wallTime) }
        show("Saved \"\(conversation.title)\"", expiresIn: .seconds(3))
        return .done(saveEffects())
    }

    /// `/title NEW`: renames the conversation and saves it.
    mutating func runTitle(_ arguments: Substring) -> CommandOutcome {
        guard !arguments.isEmpty else { return refuse("Usage: /title NEW TITLE") }
        conversation.retitle(String(arguments), at: window.wallTime)
        show("Title: \(conversation.title)", expiresIn: .seconds(3))
        return .done(saveEffects())
    }

    /// `/load NAME`: saves the conversation on screen, then asks for the other one.
    mutating func runLoad(_ arguments: Substring) -> CommandOutcome {
        guard !arguments.isEmpty else { return refuse("Usage: /load NAME (a title or an id; Tab completes, Ctrl-O lists)") }
        return .done(leaveConversation() + [.storage(.load(String(arguments)))])
    }

    /// `/new`: saves the conversation on screen and starts an empty one.
    mutating func runNew() -> [Effect] {
        let effects = leaveConversation()
        startNewConversation()
        show("New conversation", expiresIn: .seconds(3))
        return effects
    }

    /// `/export [md|json] [FILE]`, by default `./<title-slug>.md`.
    mutating func runExport(_ words: [String]) -> CommandOutcome {
        var rest = words[...]
        let format = rest.first.flatMap(ExportFormat.init(rawValue:)) ?? .markdown
        if rest.first == format.rawValue { rest = rest.dropFirst() }
        guard !conversation.entries.isEmpty else { return refuse("Nothing to export yet: send a message first", for: .seconds(4)) }
        let path = rest.isEmpty ? "./\(Self.slug(of: conversation.title)).\(format.fileExtension)" : rest.joined(separator: " ")
        return .done([.storage(.export(conversation.record, format: format, path: path))])
    }

    /// `title` as a file name: lower-case letters and digits joined by `-`.
    static func slug(of title: String) -> String {
        let words = title.lowercased().split { !($0.isLetter || $0.isNumber) }
        let slug = String(words.joined(separator: "-").prefix(60))
        return slug.isEmpty ? "conversation" : slug
    }

    // MARK: - Completion

    /// Tab after `/load `: asks the store for the stored titles and ids the text typed begins;
    /// ``completeConversationName(_:with:)`` completes when they come.
    mutating func completeConversationName() -> [Effect] {
        let partial = String(composer.input.text.dropFirst("/load ".count))
        return [.storage(.names(beginning: partial, limit: Self.shownCompletions + 1))]
    }

    /// Completions offered at once in the status bar; one more is asked for, to tell "more".
    private static let shownCompletions = 8

    /// Completes `/load PARTIAL` with `names`, unless the input changed since Tab.
    private mutating func completeConversationName(_ partial: String, with names: [String]) {
        guard composer.input.text == "/load " + partial else { return }
        switch names.count {
        case 0: show("No conversation starts with \(partial.lowercased())", expiresIn: .seconds(3), isError: true)
        case 1: composer.replace(with: "/load " + names[0])
        default: show(names.prefix(Self.shownCompletions).joined(separator: " · "), expiresIn: .seconds(6))
        }
    }

    // MARK: - What the store answers

    mutating func handleStoreResult(_ result: Event.Store) -> [Effect] {
        switch result {
        case .loaded(let record): open(record)
        case .previewLoaded(let record): browser.updatePicker { $0.showPreview(record) }
        case .listed(let window):
            var isCurrent = false
            browser.updatePicker { isCurrent = $0.showWindow(window) }
            return isCurrent ? browser.previewEffects : []
        case .named(let partial, let names): completeConversationName(partial, with: names)
        case .found(let query, let results):
            var isCurrent = false
            browser.updatePicker { isCurrent = $0.showResults(results, for: query) }
            return isCurrent ? browser.previewEffects : []
        case .renamed(let id, let newTitle):
            browser.updatePicker { $0.renamed(id, to: newTitle) }
            if id == conversation.id { conversation.renamed(to: newTitle) }
            show("Renamed to \"\(newTitle)\"", expiresIn: .seconds(3))
        case .deleted(let id): return deleted(id)
        case .exported(let path): show("Exported to \(path)", expiresIn: .seconds(5))
        case .failed(let action, let error):
            show("Could not \(action) \(error.path): \(error.reason)", expiresIn: .seconds(10), isError: true)
        }
        return []
    }

    /// Opens `record`; picked from a search, at the branch where the text matched.
    private mutating func open(_ record: ConversationRecord) {
        let matched = browser.picker?.selected.flatMap { $0.id == record.id ? $0.matchedMessage : nil }
        do {
            try restore(record)
        } catch {
            show("Could not load \(error.path): \(error.reason)", expiresIn: .seconds(10), isError: true)
            return
        }
        browser.close()
        window.focus(on: .input)
        let isOffPath = matched.map { !conversation.tree.path.contains($0) } ?? false
        if let matched, isOffPath, conversation.jump(to: matched) {
            show("Loaded \"\(conversation.title)\" at the branch where it matched ([ ] or F5 for the others)", expiresIn: .seconds(5))
            return
        }
        show("Loaded \"\(conversation.title)\" (\(conversation.entries.count) messages)", expiresIn: .seconds(4))
    }

    /// A deleted conversation leaves the picker; deleting the one on screen starts a new one.
    private mutating func deleted(_ id: String) -> [Effect] {
        browser.updatePicker { $0.removed(id) }
        if id == conversation.id { startNewConversation() }
        show("Deleted", expiresIn: .seconds(3))
        return browser.previewEffects
    }
}
