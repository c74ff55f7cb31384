import PodchatCore
import PodchatStorage

/// Saving, leaving, restoring and starting conversations: what spans the conversation, the
/// reply in flight, the panel's edit and the viewport.
extension AppState {
    /// A save of the conversation as it is now; nothing while it has no messages, nor while it
    /// is as it was opened (so an older version's file is rewritten only once it changes).
    func saveEffects() -> [Effect] {
        guard conversation.tree.messageCount > 0 else { return [] }
        let record = conversation.record
        return record == conversation.restoredRecord ? [] : [.storage(.save(record))]
    }

    /// Stops a reply still coming and saves the conversation, before it is left behind; a
    /// side B being edited in the panel gives the panel's own values back first.
    mutating func leaveConversation() -> [Effect] {
        if let kept = panel.endSideB() { conversation.replaceValues(with: kept) }
        return reply.isBusy ? cancelReply() : saveEffects()
    }

    /// Replaces the conversation with `record`, so the next request continues it. Nothing
    /// changes when the record cannot be used.
    package mutating func restore(_ record: ConversationRecord) throws(ConversationStoreError) {
        try conversation.restore(record, now: window.now)
        reply.end()
        reply.closeComparison()
        panel.endEdit()
        viewport.followNewestText()
    }

    /// Starts an empty conversation with a new id and the values podchat started with.
    mutating func startNewConversation() {
        conversation.startOver(at: window.wallTime, on: endpoints.current.recordedName)
        reply.end()
        reply.closeComparison()
        panel.endEdit()
        viewport.followNewestText()
    }
}
