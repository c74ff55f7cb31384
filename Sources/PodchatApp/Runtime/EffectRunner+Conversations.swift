import PodchatCore
import PodchatStorage

/// Conversation effects, performed on the runner's disk worker in the order the loop asked for
/// them; results arrive as events. A save asked for on the way out (Ctrl-Q, SIGTERM) is still
/// queued when the loop ends, so the program waits for the worker before it exits.
extension EffectRunner {
    /// The event that reports how `effect` went; nil for a save that worked, which needs no word.
    func conversationResult(of effect: Effect) -> Event? {
        guard let store = conversations else {
            return .conversationStoreFailed(action: Self.verb(of: effect), ConversationStoreError(path: "conversations", reason: "not available here"))
        }
        do {
            return try perform(effect, with: store)
        } catch {
            return .conversationStoreFailed(action: Self.verb(of: effect), error)
        }
    }

    private func perform(_ effect: Effect, with store: any ConversationStore) throws(ConversationStoreError) -> Event? {
        switch effect {
        case .saveConversation(let record):
            try store.save(record)
            return nil
        case .loadConversation(let name): return .conversationLoaded(try store.find(name))
        case .loadConversationPreview(let id): return .conversationPreviewLoaded(try store.load(id: id))
        case .listConversations: return .conversationsListed(store.list())
        case .searchConversations(let query): return .conversationsFound(query: query, store.search(query))
        case .renameConversation(let id, let title):
            var record = try store.load(id: id)
            record.title = title
            try store.save(record)
            return .conversationRenamed(id: id, title: title)
        case .deleteConversation(let id):
            try store.delete(id: id)
            return .conversationDeleted(id: id)
        case .exportConversation(let record, let format, let path):
            try ConversationExport.write(record, as: format, to: path)
            return .conversationExported(path: path)
        default:
            return nil
        }
    }

    private static func verb(of effect: Effect) -> String {
        switch effect {
        case .saveConversation: return "save"
        case .loadConversation, .loadConversationPreview: return "load"
        case .listConversations, .searchConversations: return "list"
        case .renameConversation: return "rename"
        case .deleteConversation: return "delete"
        case .exportConversation: return "export"
        default: return "store"
        }
    }
}
