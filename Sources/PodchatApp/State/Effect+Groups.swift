import PodchatCore
import PodchatStorage

extension Effect {
    /// Replies; each answers with ``Event/reply(_:_:)`` events, the first of them
    /// ``Event/Reply/sent(_:)`` when the backend can show its request.
    package enum Completion: Sendable, Equatable {
        case start(RequestID, CompletionRequest)
        case cancel(RequestID)
        /// Build the request `start` would send for this, and send nothing; answered with
        /// ``Event/previewed(_:)``.
        case preview(CompletionRequest)
    }

    /// Questions to the endpoint, answered with ``Event/endpoint(_:)``.
    package enum EndpointQuery: Sendable, Equatable {
        /// How busy it is (`/health`).
        case checkLoad
        /// Which model it serves and its context length.
        case fetchModelInfo
        /// Send `/warm`'s one-token job, to wake a scaled-to-zero endpoint; its reply is
        /// dropped, never part of the conversation.
        case warm(CompletionRequest)
        /// Open the config's endpoint `name` (its key, its client), answered with
        /// ``Event/Endpoint/opened(_:)`` or ``Event/Endpoint/openFailed(name:message:)``.
        case open(name: String)
        /// From now on, send requests, previews, load checks and `/warm` to the opened
        /// endpoint recorded as `name`; a reply already streaming finishes where it is.
        case use(name: String)
    }

    /// Named presets of sampling parameters, answered with ``Event/preset(_:)``.
    package enum Preset: Sendable, Equatable {
        /// Store the parameters that are set under `name`, replacing a preset of that name.
        case save(name: String, values: [String: JSONValue])
        case load(name: String)
        case list
    }

    /// The conversation store, answered with ``Event/store(_:)``.
    package enum Storage: Sendable, Equatable {
        /// Store the conversation, replacing its earlier version. Must be on disk before the
        /// process exits.
        case save(ConversationRecord)
        /// The conversation `name` refers to (an id, an id prefix or a title).
        case load(String)
        case loadPreview(id: String)
        /// At most `limit` conversations of the newest-first listing from position `offset`
        /// on, and how many there are: the picker's window.
        case list(offset: Int, limit: Int)
        /// At most `limit` stored titles and ids beginning with `prefix`, for Tab after `/load `.
        case names(beginning: String, limit: Int)
        /// Full-text search of titles and messages.
        case search(query: String)
        case rename(id: String, title: String)
        case delete(id: String)
        /// Write `record` to the file at `path` (relative to the working directory).
        case export(ConversationRecord, format: ExportFormat, path: String)

        /// The verb a failure names in the status bar.
        package var verb: String {
            switch self {
            case .save: "save"
            case .load, .loadPreview: "load"
            case .list, .names, .search: "list"
            case .rename: "rename"
            case .delete: "delete"
            case .export: "export"
            }
        }
    }

    /// What only the terminal can do.
    package enum Terminal: Sendable, Equatable {
        /// Put `text` on the clipboard (OSC 52), which works over SSH.
        case copyToClipboard(String)
        /// Suspend the window and edit `text` in `$VISUAL` / `$EDITOR`; answered with
        /// ``Event/externalEdit(_:)``.
        case editExternally(String)
    }
}
