import PodchatCore

/// What a job asks the model for, whatever shape its input came in.
struct GenerationRequest: Sendable {
    /// The conversation part of an input: chat messages or a raw prompt.
    enum Conversation: Sendable {
        case messages([JSONValue])
        case prompt(String)

        /// `messages` (which wins, as in the worker) or `prompt` from `fields`, if either is there.
        init?(_ fields: [String: JSONValue]) {
            if let messages = fields["messages"]?.arrayValue {
                self = .messages(messages)
            } else if let prompt = fields["prompt"] {
                // The OpenAI completions API also takes a list of prompts; the simulator answers them as one.
                self = .prompt(prompt.stringValue ?? (prompt.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "\n\n"))
            } else {
                return nil
            }
        }
    }

    /// The worker's `max_tokens` when the legacy input has none (vLLM's own default is 16).
    static let legacyDefaultMaxTokens = 100
    /// vLLM's `max_tokens` default for `/v1/completions`.
    static let completionsDefaultMaxTokens = 16

    /// The text the reply answers and fault markers are read from: the last user message, or the
    /// last paragraph of a prompt (podchat's prompt mode joins the messages with blank lines).
    var lastUserText: String
    var promptTokens: Int
    var choices: Int
    /// nil: generate until the reply ends.
    var maxTokens: Int?
    var stream: Bool
    var includeUsage: Bool
    var model: String

    /// A legacy worker input: `messages`/`prompt`, `sampling_params`, `stream` (protocol.md §2.1).
    init(legacyInput input: [String: JSONValue], conversation: Conversation) {
        let sampling = input["sampling_params"]?.objectValue ?? [:]
        let templated = input["apply_chat_template"].map(Self.isTruthy) ?? false
        self.init(
            conversation: conversation,
            templated: templated,
            choices: sampling["n"]?.intValue,
            maxTokens: sampling["max_tokens"]?.intValue ?? Self.legacyDefaultMaxTokens,
            stream: input["stream"].map(Self.isTruthy) ?? false,
            includeUsage: false,
            model: ""
        )
    }

    /// An OpenAI request body for `/v1/chat/completions` or `/v1/completions`.
    init(openAIBody body: [String: JSONValue], conversation: Conversation, defaultModel: String, defaultMaxTokens: Int?) {
        let maxTokens = body["max_tokens"]?.intValue ?? body["max_completion_tokens"]?.intValue
        self.init(
            conversation: conversation,
            templated: false,
            choices: body["n"]?.intValue,
            maxTokens: maxTokens ?? defaultMaxTokens,
            // vLLM streams only on a literal `true`.
            stream: body["stream"] == .bool(true),
            includeUsage: body["stream_options"]?["include_usage"] == .bool(true),
            model: body["model"]?.stringValue ?? defaultModel
        )
    }

    private init(
        conversation: Conversation, templated: Bool, choices: Int?, maxTokens: Int?, stream: Bool, includeUsage: Bool, model: String
    ) {
        switch conversation {
        case .messages(let messages):
            let contents = messages.map { Self.text(of: $0["content"]) }
            let lastUser = messages.lastIndex { $0["role"]?.stringValue == "user" }
            lastUserText = lastUser.map { contents[$0] } ?? ""
            // Each message costs its text plus a few chat-template tokens; the prompt starts with BOS.
            promptTokens = 1 + contents.map { WordPieceTokenizer.tokens(of: $0).count + 4 }.reduce(0, +)
        case .prompt(let prompt):
            lastUserText = prompt.split(separator: "\n\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
            promptTokens = 1 + WordPieceTokenizer.tokens(of: prompt).count + (templated ? 4 : 0)
        }
        self.choices = max(1, choices ?? 1)
        self.maxTokens = maxTokens.map { max(1, $0) }
        self.stream = stream
        self.includeUsage = includeUsage
        self.model = model
    }

    /// A message's `content`: a string, or OpenAI content parts whose `text`s are joined.
    private static func text(of content: JSONValue?) -> String {
        if let text = content?.stringValue { return text }
        return (content?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    }

    /// Python's truthiness, which the worker applies to flags such as `stream`.
    static func isTruthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let bool): bool
        case .number(let number): number != 0
        case .string(let string): !string.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let fields): !fields.isEmpty
        }
    }
}
