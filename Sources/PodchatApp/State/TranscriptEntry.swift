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
    /// The thinking of each choice, aligned with `choices` (empty where a choice did not
    /// think). Shown and stored, never sent back to the model.
    package private(set) var reasonings: [String]
    /// The log probabilities of each choice's tokens, aligned with `choices`, when asked for.
    package private(set) var logprobs: [[TokenLogprob]]
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
    /// When the answer itself began, which ends the thinking.
    package var firstAnswerAt: ContinuousClock.Instant?
    package var finishedAt: ContinuousClock.Instant?
    /// How long a worker ran the job, in milliseconds, as Runpod reported it: what a reply
    /// costs is priced from it. Nil on the OpenAI route, which reports none.
    package var executionMilliseconds: Int?
    /// Whether the text was lost in transit and put back from the job's final output.
    package var wasRepaired = false
    /// The request that started the reply, key left out, for the inspector; never stored, so
    /// a reopened conversation's replies have none.
    package var request: RequestPreview?
    /// The endpoint that wrote the reply, by its recorded name (``EndpointIdentity/recordedName``);
    /// nil in files from before replies kept it, where the conversation's endpoint wrote them all.
    package var endpoint: String?
    /// The job API requests the reply took and the last answer, for the inspector; like
    /// `request`, never stored.
    package var exchanges: JobExchanges?
    /// The worker generation that wrote the reply, when its output showed it.
    package var workerGeneration: WorkerGeneration?
    /// When the message was written (a reply: requested), in seconds since 1970; stored with it.
    package var time: Double = 0
    /// Where the message stands among its siblings, when it has any; set by the
    /// ``ConversationTree`` on the path it shows, never stored.
    package var branch: BranchPosition?

    package init(role: Role, text: String, status: Status = .complete) {
        self.role = role
        self.choices = [text]
        self.reasonings = [""]
        self.logprobs = [[]]
        self.status = status
    }

    /// An entry with every choice's text, as a stored conversation gives it back.
    package init(role: Role, choices: [String], chosenChoice: Int, status: Status) {
        self.init(role: role, text: "", status: status)
        self.choices = choices.isEmpty ? [""] : choices
        self.reasonings = Array(repeating: "", count: self.choices.count)
        self.logprobs = Array(repeating: [], count: self.choices.count)
        self.chosenChoice = chosenChoice
    }

    /// The tokens a reply is shaded by (F7): those of its one choice, when they spell its text;
    /// nil for several choices, none asked for, or tokens that do not spell the text (a repair).
    package var shadeableTokens: [TokenLogprob]? {
        guard role == .assistant, choices.count == 1, let tokens = logprobs.first, !tokens.isEmpty,
            tokens.map(\.token).joined() == text
        else { return nil }
        return tokens
    }

    /// The chosen choice's text: what later requests carry.
    package var text: String {
        choices.indices.contains(chosenChoice) ? choices[chosenChoice] : ""
    }

    /// The chosen choice's thinking, empty when it did not think.
    package var reasoning: String {
        reasonings.indices.contains(chosenChoice) ? reasonings[chosenChoice] : ""
    }

    /// Whether the reply is still thinking: thinking has come, the answer has not.
    package var isThinking: Bool {
        status == .streaming && !reasoning.isEmpty && text.isEmpty
    }

    /// How long the model thought: from the first thinking to the first answer text (or to
    /// the end, for a reply that never answered).
    package var thinkingDuration: Duration? {
        guard !reasoning.isEmpty, let first = firstTokenAt, let end = firstAnswerAt ?? finishedAt else { return nil }
        return end - first
    }

    /// Adds streamed text to choice `index`.
    mutating func append(_ text: String, toChoice index: Int) {
        growChoices(to: index)
        choices[index] += text
    }

    /// Restores stored thinking and log probabilities, aligned with the choices.
    mutating func restore(reasonings stored: [String], logprobs storedLogprobs: [[TokenLogprob]]) {
        for (index, text) in stored.enumerated() where index < choices.count { reasonings[index] = text }
        for (index, tokens) in storedLogprobs.enumerated() where index < choices.count { logprobs[index] = tokens }
    }

    private mutating func growChoices(to index: Int) {
        guard index >= choices.count else { return }
        let added = index + 1 - choices.count
        choices += Array(repeating: "", count: added)
        reasonings += Array(repeating: "", count: added)
        logprobs += Array(repeating: [], count: added)
    }

    /// Applies a piece of the reply that arrived at `instant`: its job, its start, its text
    /// and thinking (the first of either is the first token; answer text ends the thinking),
    /// text put back from the job's final output, log probabilities, usage. Retries and the
    /// end are the ``ReplyTracker``'s and ``Conversation``'s business.
    mutating func apply(_ event: CompletionEvent, at instant: ContinuousClock.Instant) {
        switch event {
        case .queued(let id): jobID = id
        case .started: startedAt = startedAt ?? instant
        case .delta(let choice, let text):
            guard !text.isEmpty else { return }
            append(text, toChoice: choice)
            receivedText(at: instant, isAnswer: true)
        case .reasoning(let choice, let text):
            guard !text.isEmpty else { return }
            growChoices(to: choice)
            reasonings[choice] += text
            receivedText(at: instant, isAnswer: false)
        case .replaced(let choice, let text):
            growChoices(to: choice)
            choices[choice] = text
            wasRepaired = true
        case .reasoningReplaced(let choice, let text):
            growChoices(to: choice)
            reasonings[choice] = text
            wasRepaired = true
        case .logprobs(let choice, let tokens):
            growChoices(to: choice)
            logprobs[choice] += tokens
        case .generation(let generation): workerGeneration = generation
        case .usage(let reported): usage = reported
        case .executionTime(let duration): executionMilliseconds = Int(duration.milliseconds)
        case .exchanges(let log): exchanges = log
        case .retrying, .finished: return
        }
    }

    private mutating func receivedText(at instant: ContinuousClock.Instant, isAnswer: Bool) {
        startedAt = startedAt ?? instant
        firstTokenAt = firstTokenAt ?? instant
        if isAnswer { firstAnswerAt = firstAnswerAt ?? instant }
    }

    /// The message as the next request carries it, or nil when there is nothing to send.
    var message: Message? {
        text.isEmpty ? nil : Message(role: role, content: text)
    }
}
