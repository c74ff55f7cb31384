import PodchatCore
import PodchatStorage

extension Event {
    /// The external editor's outcome.
    package enum ExternalEdit: Sendable, Equatable {
        /// The message as the editor left it.
        case finished(String)
        /// The editor could not run or its file could not be read; the message is kept.
        case failed(String)
    }

    /// A reply's progress.
    package enum Reply: Sendable, Equatable {
        /// The request that started the reply, key left out.
        case sent(RequestPreview)
        case received(CompletionEvent)
        case failed(CompletionFailure)
    }

    /// The endpoint's answers to ``Effect/EndpointQuery``.
    package enum Endpoint: Sendable, Equatable {
        /// The queue and worker counts, or nil when it has none to report.
        case loadReported(EndpointLoad?)
        /// The served model and its context length (nil: the server did not say).
        case modelInfoReported(ModelInfo?)
        /// `/warm`'s job ended: nil when it finished, else why it failed.
        case warmed(failure: String?)
        /// The endpoint `/endpoint` asked for is open and ready for requests.
        case opened(EndpointIdentity)
        /// It could not be opened (no key, a bad URL): why, in a sentence.
        case openFailed(name: String, message: String)
    }

    /// The preset store's answers to ``Effect/Preset``.
    package enum Preset: Sendable, Equatable {
        case saved(name: String)
        /// A preset's values as stored; the state validates them.
        case loaded(name: String, values: [String: JSONValue])
        case listed([String])
        /// A preset could not be saved, loaded or listed (`name` is empty for a listing).
        case failed(name: String, message: String)
    }

    /// The conversation store's answers to ``Effect/Storage``.
    package enum Store: Sendable, Equatable {
        /// A conversation asked for by name; the state validates it.
        case loaded(ConversationRecord)
        /// The selected conversation of the picker, for its preview.
        case previewLoaded(ConversationRecord)
        /// A window of the listing, answering ``Effect/Storage/list(offset:limit:)``.
        case listed(ConversationWindow)
        /// The titles and ids beginning with `beginning`, answering ``Effect/Storage/names(beginning:limit:)``.
        case named(beginning: String, [String])
        /// The conversations matching `query`, and the files that could not be searched; the
        /// picker ignores results for an older query.
        case found(query: String, ConversationListing)
        case renamed(id: String, title: String)
        case deleted(id: String)
        case exported(path: String)
        /// A conversation could not be saved, loaded, listed, renamed, deleted or exported;
        /// `action` is the verb for the status bar (``Effect/Storage/verb``).
        case failed(action: String, ConversationStoreError)
    }
}
