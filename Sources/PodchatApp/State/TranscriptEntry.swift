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
    /// The text of each choice, in index order; one unless the request asked for `n` > 1.
    package private(set) var choices: [String]
    /// The choice that continues the conversation (`[` `]` or `/choose` pick it).
    package var chosenChoice = 0
    package var status: Status
    /// The parameters the reply was requested with, the seed drawn for it included.
    package var parameters: SamplingParameters?
    /// Timings and counts of a reply, for its footer.
    package var jobID: String?
    package var usage: Usage?
    package var requestedAt: ContinuousClock.Instant?
    /// When a worker took the job: the time queued is from `requestedAt` to here.
    package var startedAt: ContinuousClock.Instant?
    package var firstTokenAt: ContinuousClock.Instant?
    package var finishedAt: ContinuousClock.Instant?
    /// When the message was written (a reply: requested), in seconds since 1970; stored with it.
    package var time: Double = 0

    package init(role: Role, text: String, status: Status = .complete) {
        self.role = role
        self.choices = [text]
        self.status = status
    }

    /// An entry with every choice's text, as a stored conversation gives it back.
    package init(role: Role, choices: [String], chosenChoice: Int, status: Status) {
        self.init(role: role, text: "", status: status)
        self.choices = choices.isEmpty ? [""] : choices
        self.chosenChoice = chosenChoice
    }

    /// The chosen choice's text: what later requests carry.
    package var text: String {
        choices.indices.contains(chosenChoice) ? choices[chosenChoice] : ""
    }

    /// Adds streamed text to choice `index`.
    mutating func append(_ text: String, toChoice index: Int) {
        growChoices(to: index)
        choices[index] += text
    }

    /// Replaces choice `index`'s text with a recovered full text.
    mutating func replace(choice index: Int, with text: String) {
        growChoices(to: index)
        choices[index] = text
    }

    private mutating func growChoices(to index: Int) {
        if index >= choices.count { choices += Array(repeating: "", count: index + 1 - choices.count) }
    }

    /// The message as the next request carries it, or nil when there is nothing to send.
    var message: Message? {
        text.isEmpty ? nil : Message(role: role, content: text)
    }
}
