import PodchatCore

/// One message as the transcript shows it: its text, and for replies how they went.
package struct TranscriptEntry: Sendable, Equatable {
    /// Where a message stands.
    package enum Status: Sendable, Equatable {
        case complete
        /// The reply is still arriving.
        case streaming
        /// The reply hit `max_tokens`.
        case truncated
        case cancelled
        case timedOut
        case failed(String)
    }

    package var role: Role
    package var text: String
    package var status: Status
    /// Timings and counts of a reply, for its footer.
    package var jobID: String?
    package var usage: Usage?
    package var requestedAt: ContinuousClock.Instant?
    package var firstTokenAt: ContinuousClock.Instant?
    package var finishedAt: ContinuousClock.Instant?

    package init(role: Role, text: String, status: Status = .complete) {
        self.role = role
        self.text = text
        self.status = status
    }

    /// The message as the next request carries it, or nil when there is nothing to send.
    var message: Message? {
        text.isEmpty ? nil : Message(role: role, content: text)
    }
}
