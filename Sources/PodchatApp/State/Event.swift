import PodchatCore
import PodchatStorage

/// Identifies one request for a reply, so events of an abandoned request can be ignored.
package struct RequestID: Sendable, Hashable, CustomStringConvertible {
    package let value: Int

    package init(_ value: Int) {
        self.value = value
    }

    package var description: String { "#\(value)" }
}

/// Something that happened. The only input to ``AppState/handle(_:)``.
package enum Event: Sendable, Equatable {
    case keyPressed(Key)
    /// Text the terminal delivered as one paste (bracketed paste): inserted, never sent.
    case pasted(String)
    case mouse(MouseEvent)
    /// The message as the external editor (Ctrl-X Ctrl-E) left it.
    case externalEditFinished(String)
    /// The external editor could not run or its file could not be read; the message is kept.
    case externalEditFailed(String)
    case resized(Size)
    /// The time now; every batch of events starts with one, so the state never reads a clock.
    case clockTicked(ContinuousClock.Instant)
    case completionReceived(RequestID, CompletionEvent)
    case completionFailed(RequestID, CompletionFailure)
    /// What the server said about its model (nil: it did not say).
    case modelInfoReported(ModelInfo?)
    /// The process was asked to end (SIGTERM, SIGHUP).
    case terminationRequested
    case presetSaved(name: String)
    /// A preset's values as stored; the state validates them.
    case presetLoaded(name: String, values: [String: JSONValue])
    case presetsListed([String])
    /// A preset could not be saved, loaded or listed (`name` is empty for a listing).
    case presetFailed(name: String, message: String)
    /// The endpoint's queue and worker counts, or nil when it has none to report.
    case loadReported(EndpointLoad?)
    /// A conversation asked for with ``Effect/loadConversation(_:)``; the state validates it.
    case conversationLoaded(ConversationRecord)
    /// The selected conversation of the picker, for its preview.
    case conversationPreviewLoaded(ConversationRecord)
    case conversationsListed(ConversationListing)
    /// The conversations matching `query`, and the files that could not be searched; the
    /// picker ignores results for an older query.
    case conversationsFound(query: String, ConversationListing)
    case conversationRenamed(id: String, title: String)
    case conversationDeleted(id: String)
    case conversationExported(path: String)
    /// A conversation could not be saved, loaded, listed, renamed, deleted or exported;
    /// `action` is the verb for the status bar (`save`, `load`, …).
    case conversationStoreFailed(action: String, ConversationStoreError)
}

/// Something the app wants done outside itself. The only output of ``AppState/handle(_:)``.
package enum Effect: Sendable, Equatable {
    case startCompletion(RequestID, CompletionRequest)
    case cancelCompletion(RequestID)
    /// Store the parameters that are set under `name`, replacing a preset of that name.
    case savePreset(name: String, values: [String: JSONValue])
    case loadPreset(name: String)
    case listPresets
    /// Ask the endpoint how busy it is (`/health`).
    case checkLoad
    /// Ask the server which model it serves and its context length.
    case fetchModelInfo
    /// Store the conversation, replacing its earlier version. Must be done before the process
    /// exits: the runner performs it at once.
    case saveConversation(ConversationRecord)
    /// The conversation `name` refers to (an id, an id prefix or a title).
    case loadConversation(String)
    case loadConversationPreview(id: String)
    case listConversations
    /// Full-text search of titles and messages.
    case searchConversations(query: String)
    case renameConversation(id: String, title: String)
    case deleteConversation(id: String)
    /// Write `record` to the file at `path` (relative to the working directory).
    case exportConversation(ConversationRecord, format: ExportFormat, path: String)
    /// Put `text` on the clipboard through the terminal (OSC 52), which works over SSH.
    case copyToClipboard(String)
    /// Suspend the window and edit `text` in `$VISUAL` / `$EDITOR`; the terminal layer answers
    /// with ``Event/externalEditFinished(_:)`` or ``Event/externalEditFailed(_:)``.
    case editExternally(String)
}
