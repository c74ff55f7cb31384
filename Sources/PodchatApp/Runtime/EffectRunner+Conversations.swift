import PodchatCore
import PodchatStorage

/// Conversation effects, performed on the runner's disk worker in the order the loop asked for
/// them; results arrive as events. A save asked for on the way out (Ctrl-Q, SIGTERM) is still
/// queued when the loop ends, so the program waits for the worker before it exits.
extension EffectRunner {
    /// The event that reports how `effect` went; nil for a save that worked, which needs no word.
    func conversationResult(of effect: Effect.Storage) -> Event? {
        guard let store = conversations else {
            return .store(.failed(action: effect.verb, ConversationStoreError(path: "conversations", reason: "not available here")))
        }
        do {
            return try perform(effect, with: store).map(Event.store)
        } catch {
            return .store(.failed(action: effect.verb, error))
        }
    }

    private func perform(_ effect: Effect.Storage, with store: any ConversationStore) throws(ConversationStoreError) -> Event.Store? {
        switch effect {
        case .save(let record):
            try store.save(record)
            return nil
        case .load(let name): return .loaded(try store.find(name))
        case .loadPreview(let id): return .previewLoaded(try store.load(id: id))
        case .list(let offset, let limit): return .listed(store.listWindow(offset: offset, limit: limit))
        case .names(let prefix, let limit): return .named(beginning: prefix, store.names(beginning: prefix, limit: limit))
        case .search(let query): return .found(query: query, store.search(query))
        case .rename(let id, let title):
            var record = try store.load(id: id)
            record.title = title
            try store.save(record)
            return .renamed(id: id, title: title)
        case .delete(let id):
            try store.delete(id: id)
            return .deleted(id: id)
        case .export(let record, let format, let path):
            try ConversationExport.write(record, as: format, to: path)
            return .exported(path: path)
        }
    }
}
