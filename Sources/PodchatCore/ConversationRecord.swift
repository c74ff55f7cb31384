import PodchatVersion

/// A conversation as podchat stores it: one JSON file per conversation, in a documented,
/// versioned format (docs/conversation-format.md). It never holds the API key.
package struct ConversationRecord: Sendable, Equatable, Codable {
    /// The format this build writes; files with a higher version are refused, never rewritten.
    package static let currentFormatVersion = 5
    /// This build, as `writer` names it.
    package static let currentWriter = PodchatVersion.description

    package var formatVersion: Int
    /// A stable unique id; also the file's name.
    package var id: String
    package var title: String
    /// Seconds since 1970-01-01 UTC.
    package var createdAt: Double
    package var updatedAt: Double
    /// Where the conversation began: a configured endpoint name, `demo`, or an endpoint id or
    /// host (never a key). Each reply names its own endpoint since version 5.
    package var endpoint: String
    package var settings: Settings
    /// The sampling parameters set for the next request, by wire name.
    package var parameters: [String: JSONValue]
    /// Every message of every branch, in the order they were written (version 3); older
    /// versions hold one path.
    package var messages: [StoredMessage]
    /// The id of the last message of the branch being continued (version 3); absent in older
    /// files, whose messages are one path, and when there are no messages.
    package var current: Int?
    /// The podchat that last wrote the file (`podchat 0.9.0 (abc1234)`); absent in files from
    /// before it was kept. Informational only: nothing reads it to decide anything.
    package var writer: String?

    package init(
        id: String, title: String, createdAt: Double, updatedAt: Double, endpoint: String,
        settings: Settings, parameters: [String: JSONValue], messages: [StoredMessage], current: Int? = nil
    ) {
        formatVersion = Self.currentFormatVersion
        writer = Self.currentWriter
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.endpoint = endpoint
        self.settings = settings
        self.parameters = parameters
        self.messages = messages
        self.current = current
    }

    /// The conversation's request settings (the panel's conversation group).
    package struct Settings: Sendable, Equatable, Codable {
        package var mode: ConversationMode
        package var applyChatTemplate: Bool
        package var systemPrompt: String
        package var inputFormat: String
        package var stream: Bool
        package var newSeedEachRequest: Bool

        package init(
            mode: ConversationMode, applyChatTemplate: Bool, systemPrompt: String, inputFormat: String,
            stream: Bool, newSeedEachRequest: Bool
        ) {
            self.mode = mode
            self.applyChatTemplate = applyChatTemplate
            self.systemPrompt = systemPrompt
            self.inputFormat = inputFormat
            self.stream = stream
            self.newSeedEachRequest = newSeedEachRequest
        }

        enum CodingKeys: String, CodingKey {
            case mode
            case applyChatTemplate = "apply_chat_template"
            case systemPrompt = "system_prompt"
            case inputFormat = "input_format"
            case stream
            case newSeedEachRequest = "new_seed_each_request"
        }
    }

    /// One message; replies carry how they were made and how they went.
    package struct StoredMessage: Sendable, Equatable, Codable {
        /// The message's id, unique in the file (version 3).
        package var id: Int?
        /// The id of the message this one follows; absent for a first message (version 3).
        package var parent: Int?
        package var role: Role
        /// The text that continues the conversation (the chosen choice for replies).
        package var content: String
        /// Seconds since 1970-01-01 UTC.
        package var time: Double
        /// Every choice when the reply had more than one.
        package var choices: [String]?
        package var chosenChoice: Int?
        /// A reasoning model's thinking before `content` (absent when it did not think). Kept
        /// for reading; never sent back to the model.
        package var reasoning: String?
        /// Every choice's thinking, aligned with `choices`, when the reply had several.
        package var reasoningChoices: [String]?
        package var reply: ReplyInfo?

        package init(
            id: Int? = nil, parent: Int? = nil, role: Role, content: String, time: Double, choices: [String]? = nil,
            chosenChoice: Int? = nil, reasoning: String? = nil, reasoningChoices: [String]? = nil, reply: ReplyInfo? = nil
        ) {
            self.id = id
            self.parent = parent
            self.role = role
            self.content = content
            self.time = time
            self.choices = choices
            self.chosenChoice = chosenChoice
            self.reasoning = reasoning
            self.reasoningChoices = reasoningChoices
            self.reply = reply
        }

        enum CodingKeys: String, CodingKey {
            case id, parent, role, content, time, choices, reasoning, reply
            case chosenChoice = "chosen_choice"
            case reasoningChoices = "reasoning_choices"
        }
    }

    /// How a reply was requested and how it ended.
    package struct ReplyInfo: Sendable, Equatable, Codable {
        /// `completed`, `truncated`, `cancelled`, `timed_out` or `failed`.
        package var status: String
        package var error: String?
        /// The sampling parameters it was requested with, the seed included.
        package var parameters: [String: JSONValue]
        package var usage: Usage?
        package var jobID: String?
        /// From the request to a worker taking the job (absent in files from before it was kept).
        package var queueMilliseconds: Int?
        package var timeToFirstTokenMilliseconds: Int?
        package var durationMilliseconds: Int?
        /// How long the model thought, from its first thinking to its first answer text.
        package var thinkingMilliseconds: Int?
        /// How long a worker ran the job, as Runpod reported it (version 4): the billed time,
        /// absent on the OpenAI route and in older files.
        package var executionMilliseconds: Int?
        /// Each choice's tokens with their log probabilities, when the request asked for them.
        package var logprobs: [[TokenLogprob]]?
        /// The endpoint that wrote the reply (version 5): a configured name, `demo`, or an
        /// endpoint id or host; absent in older files, whose replies all came from `endpoint`.
        package var endpoint: String?
        /// The worker generation that wrote the reply (`legacy` or `proxy`), when known.
        package var workerGeneration: WorkerGeneration?
        /// True when text lost in transit was put back from the job's final output.
        package var repaired: Bool?

        package init(
            status: String, error: String? = nil, parameters: [String: JSONValue], usage: Usage? = nil, jobID: String? = nil,
            queueMilliseconds: Int? = nil, timeToFirstTokenMilliseconds: Int? = nil, durationMilliseconds: Int? = nil,
            thinkingMilliseconds: Int? = nil, executionMilliseconds: Int? = nil, logprobs: [[TokenLogprob]]? = nil,
            endpoint: String? = nil, workerGeneration: WorkerGeneration? = nil, repaired: Bool? = nil
        ) {
            self.status = status
            self.error = error
            self.parameters = parameters
            self.usage = usage
            self.jobID = jobID
            self.queueMilliseconds = queueMilliseconds
            self.timeToFirstTokenMilliseconds = timeToFirstTokenMilliseconds
            self.durationMilliseconds = durationMilliseconds
            self.thinkingMilliseconds = thinkingMilliseconds
            self.executionMilliseconds = executionMilliseconds
            self.logprobs = logprobs
            self.endpoint = endpoint
            self.workerGeneration = workerGeneration
            self.repaired = repaired
        }

        enum CodingKeys: String, CodingKey {
            case status, error, parameters, usage
            case jobID = "job_id"
            case queueMilliseconds = "queue_ms"
            case timeToFirstTokenMilliseconds = "time_to_first_token_ms"
            case durationMilliseconds = "duration_ms"
            case thinkingMilliseconds = "thinking_ms"
            case executionMilliseconds = "execution_ms"
            case logprobs, endpoint
            case workerGeneration = "worker_generation"
            case repaired
        }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case id, title
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case endpoint, settings, parameters, messages, current, writer
    }

    /// The record as this build writes it: the same, with this build as its writer.
    package var writtenByThisBuild: ConversationRecord {
        var record = self
        record.writer = Self.currentWriter
        return record
    }
}
