import PodchatCore

/// Conversation effects, performed right here on the loop's thread: the files are small and
/// local, and a save must be on disk before the process can exit (after Ctrl-Q or SIGTERM the
/// loop ends as soon as the batch is applied). Results still arrive as events.
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
        case .list: return .listed(store.list())
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
