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

    /// Which OpenAI route an OpenAI-shaped request went to.
    enum Route: String, Sendable {
        case chat = "/v1/chat/completions"
        case completions = "/v1/completions"
    }

    /// The worker's `max_tokens` when the legacy input has none (vLLM's own default is 16).
    static let legacyDefaultMaxTokens = 100
    /// vLLM's `max_tokens` default for `/v1/completions`.
    static let completionsDefaultMaxTokens = 16

    /// The text the reply answers and fault markers are read from: the last user message, or the
    /// last paragraph of a prompt (podchat's prompt mode joins the messages with blank lines).
    private(set) var lastUserText: String
    private(set) var promptTokens: Int
    private(set) var choices: Int
    /// The sampling values the model runs with; its `maxTokens` is the effective limit.
    private(set) var sampling: EffectiveSampling
    /// `max_tokens` (or `max_completion_tokens`) as the request set it.
    private(set) var requestedMaxTokens: Int?
    private(set) var stream: Bool
    private(set) var includeUsage: Bool
    private(set) var model: String
    /// The vLLM route, or nil for the legacy worker's own generation.
    private(set) var route: Route?
    /// Whether a chat template turned the conversation into the prompt.
    private(set) var templated: Bool
    /// How many alternatives per token the reply lists; nil: no log probabilities.
    private(set) var logprobs: Int?
    /// Whether the reply may think: a chat on vLLM's OpenAI server, not switched off.
    private(set) var mayThink = false
    /// `reasoning_effort` as sent.
    private(set) var reasoningEffort: String?

    /// A legacy worker input: `messages`/`prompt`, `sampling_params`, `stream` (protocol.md §2.1).
    init(legacyInput input: [String: JSONValue], conversation: Conversation) {
        let sampling = input["sampling_params"]?.objectValue ?? [:]
        var values = EffectiveSampling(sampling, fallback: .documented)
        values.maxTokens = max(1, sampling["max_tokens"]?.intValue ?? Self.legacyDefaultMaxTokens)
        self.init(conversation: conversation, templated: Self.legacyTemplates(input, conversation), sampling: values)
        choices = max(1, sampling["n"]?.intValue ?? 1)
        requestedMaxTokens = sampling["max_tokens"]?.intValue
        stream = input["stream"].map(Self.isTruthy) ?? false
    }

    /// An OpenAI request body for `route`. Left-out sampling fields take `defaults`; a chat
    /// without `max_tokens` may fill the rest of `maxModelLen`.
    init(
        openAIBody body: [String: JSONValue], route: Route, conversation: Conversation, defaults: EffectiveSampling, maxModelLen: Int,
        defaultModel: String
    ) {
        self.init(conversation: conversation, templated: route == .chat, sampling: EffectiveSampling(body, fallback: defaults))
        self.route = route
        choices = max(1, body["n"]?.intValue ?? 1)
        // vLLM prefers max_completion_tokens.
        requestedMaxTokens = body["max_completion_tokens"]?.intValue ?? body["max_tokens"]?.intValue
        let fallback = route == .chat ? maxModelLen - promptTokens : Self.completionsDefaultMaxTokens
        sampling.maxTokens = max(1, requestedMaxTokens ?? fallback)
        // vLLM streams only on a literal `true`.
        stream = body["stream"] == .bool(true)
        includeUsage = body["stream_options"]?["include_usage"] == .bool(true)
        model = body["model"]?.stringValue ?? defaultModel
        logprobs = Self.logprobs(in: body, route: route)
        reasoningEffort = body["reasoning_effort"]?.stringValue
        mayThink = route == .chat && Self.thinkingEnabled(body)
    }

    private init(conversation: Conversation, templated: Bool, sampling: EffectiveSampling) {
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
        self.templated = templated
        self.sampling = sampling
        choices = 1
        stream = false
        includeUsage = false
        model = ""
    }

    /// How many tokens the reply thinks before it answers: `base` at `reasoning_effort`
    /// medium (or unset), a quarter at low or minimal, four times at high; none when the
    /// request may not think or `base` is nil.
    func thinkingTokens(base: Int?) -> Int {
        guard mayThink, let base else { return 0 }
        switch reasoningEffort {
        case "none": return 0
        case "low", "minimal": return max(1, base / 4)
        case "high", "xhigh", "max": return base * 4
        default: return base
        }
    }

    /// The legacy worker applies a chat template to messages always, to a prompt when asked.
    private static func legacyTemplates(_ input: [String: JSONValue], _ conversation: Conversation) -> Bool {
        if case .messages = conversation { return true }
        return input["apply_chat_template"].map(isTruthy) ?? false
    }

    /// Chat: `top_logprobs` alternatives when `logprobs` is on; completions: `logprobs` itself.
    private static func logprobs(in body: [String: JSONValue], route: Route) -> Int? {
        switch route {
        case .chat: OpenAIRequestCheck.pydanticBool(body["logprobs"] ?? .null) == true ? body["top_logprobs"]?.intValue ?? 0 : nil
        case .completions: body["logprobs"]?.intValue
        }
    }

    /// `chat_template_kwargs.enable_thinking` wins; otherwise `reasoning_effort` "none" switches
    /// thinking off, as vLLM's `build_chat_params` does.
    private static func thinkingEnabled(_ body: [String: JSONValue]) -> Bool {
        if let flag = body["chat_template_kwargs"]?["enable_thinking"] { return isTruthy(flag) }
        return body["reasoning_effort"]?.stringValue != "none"
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
