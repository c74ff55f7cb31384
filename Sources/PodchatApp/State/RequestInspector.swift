import PodchatCore

/// The request inspector (F6, `i` in the transcript, `/request`) while it is open: the request
/// the next message would send, as the backend builds it, and the reply whose request and
/// answer it shows.
package struct RequestInspector: Sendable, Equatable {
    /// The next request as far as the backend has answered.
    package enum NextRequest: Sendable, Equatable {
        /// Asked for; the answer comes as ``Event/previewed(_:)``.
        case waiting
        case shown(RequestPreview)
        /// The backend builds no HTTP requests it could show.
        case unavailable
    }

    package private(set) var next = NextRequest.waiting
    /// Whether the next request carries ``AppState/placeholderMessage`` because the input holds
    /// no message to send (it is empty or a command).
    package let usesPlaceholder: Bool
    /// The transcript index of the reply shown below the next request: the one at the cursor,
    /// else the last; nil before the first reply.
    package let replyIndex: Int?
    /// Whether ``replyIndex`` is the cursor's (else it is the last reply).
    package let replyIsAtCursor: Bool
    /// How many lines are scrolled off the top.
    package private(set) var scroll = 0

    init(usesPlaceholder: Bool, replyIndex: Int?, replyIsAtCursor: Bool) {
        self.usesPlaceholder = usesPlaceholder
        self.replyIndex = replyIndex
        self.replyIsAtCursor = replyIsAtCursor
    }

    /// The backend's answer: the request, or nil when it cannot show one.
    mutating func receive(_ preview: RequestPreview?) {
        next = preview.map { .shown($0) } ?? .unavailable
    }

    /// Scrolls by `rows`, keeping as many of the `lineCount` lines as fit in `visible` rows on screen.
    mutating func scroll(by rows: Int, lineCount: Int, visible: Int) {
        scroll = max(0, min(scroll + rows, lineCount - visible))
    }

    mutating func scrollToTop() {
        scroll = 0
    }
}
