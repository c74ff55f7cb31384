import PodchatCore

/// The conversation on screen: its id (also its file name), title and times, its messages in
/// every branch (a ``ConversationTree``), the message being edited, and the settings and
/// parameters its next request is made with. The stored record is derived from it
/// (`Conversation+Record`), and it can be rebuilt from one.
package struct Conversation: Sendable, Equatable {
    /// A title is the first line of the first message, cut to this many characters.
    static let titleLength = 60

    package private(set) var id: String
    /// Empty until the first message names it (or `/title`).
    package private(set) var title = ""
    package private(set) var createdAt: Double
    /// When a message, a reply or the title last changed; what the picker sorts by.
    package private(set) var updatedAt: Double
    package private(set) var tree = ConversationTree()
    /// The path index of the message of the user's being edited (`e`): the next message sent
    /// becomes its sibling. Nil when no edit is pending.
    package private(set) var editing: Int?
    package private(set) var values: RequestValues
    /// The record as it was restored, so that opening a conversation and leaving it unchanged
    /// never rewrites its file (an older version's file stays in its version).
    package private(set) var restoredRecord: ConversationRecord?
    /// Where the conversation began, as stored: the endpoint's recorded name (`demo`, a
    /// configured name or a label), never a key. Each reply records its own as well.
    package private(set) var endpoint: String
    /// Conversation ids: a stream of their own, so ids do not change which seeds replies get.
    private var ids: SeedGenerator

    init(endpoint: String, values: RequestValues, idSeed: UInt64, wallTime: Double) {
        self.endpoint = endpoint
        self.values = values
        ids = SeedGenerator(start: idSeed)
        createdAt = wallTime
        updatedAt = wallTime
        id = ""
        id = nextID()
    }

    /// The current path's messages: what the transcript shows and the next request continues.
    package var entries: [TranscriptEntry] { tree.entries }

    package var settings: RequestSettings { values.settings }
    /// The sampling parameters the next request carries.
    package var parameters: SamplingParameters { values.parameters }

    /// The last reply, the one that `r`, `[` `]` and the footer act on.
    package var lastReply: TranscriptEntry? {
        entries.last { $0.role == .assistant }
    }

    /// What the next request carries: the system prompt, then every message with text (of a
    /// reply with several choices, the chosen one).
    var messages: [Message] {
        systemMessages + entries.compactMap(\.message)
    }

    var systemMessages: [Message] {
        settings.systemPrompt.isEmpty ? [] : [Message(role: .system, content: settings.systemPrompt)]
    }

    // MARK: - Messages

    /// Adds the user's message (a sibling of the one being edited, if any); the first one dates
    /// and (unless named) titles the conversation.
    mutating func appendMessage(_ text: String, at wallTime: Double) {
        if tree.messageCount == 0 { createdAt = wallTime }
        if let editing {
            tree.rewind(toLength: editing)
            self.editing = nil
        }
        var message = TranscriptEntry(role: .user, text: text)
        message.time = wallTime
        if title.isEmpty { title = Self.title(from: text) }
        tree.append(message)
    }

    /// Adds an empty reply that streams in as it arrives.
    mutating func appendReply(
        requestedAt instant: ContinuousClock.Instant, parameters: SamplingParameters, endpoint writer: String, at wallTime: Double
    ) {
        var reply = TranscriptEntry(role: .assistant, text: "", status: .streaming)
        reply.endpoint = writer
        reply.requestedAt = instant
        reply.parameters = parameters
        reply.time = wallTime
        updatedAt = wallTime
        tree.append(reply)
    }

    /// Empty replies for a compare, one per entry of `parameters`: siblings after the user's
    /// last message (a reply that ended the path stays a sibling too), the last one shown.
    /// Their ids, in order.
    mutating func appendComparedReplies(
        parameters: [SamplingParameters], requestedAt instant: ContinuousClock.Instant, endpoint writer: String, at wallTime: Double
    ) -> [ConversationTree.MessageID] {
        editing = nil
        let length = entries.last?.role == .assistant ? entries.count - 1 : entries.count
        return parameters.compactMap { sent in
            tree.rewind(toLength: length)
            appendReply(requestedAt: instant, parameters: sent, endpoint: writer, at: wallTime)
            return tree.path.last
        }
    }

    /// Applies a piece of a compared reply to message `id`, shown or not.
    mutating func apply(_ event: CompletionEvent, toMessage id: ConversationTree.MessageID, at instant: ContinuousClock.Instant) {
        tree.update(message: id) { $0.apply(event, at: instant) }
    }

    /// The compared reply `id` ended with `status`.
    mutating func finish(
        message id: ConversationTree.MessageID, _ status: TranscriptEntry.Status, at instant: ContinuousClock.Instant, wallTime: Double
    ) {
        updatedAt = wallTime
        tree.update(message: id) {
            $0.status = status
            $0.finishedAt = instant
        }
    }

    /// The path goes to message `id` and on to the end of the branch below it.
    mutating func jump(to id: ConversationTree.MessageID) -> Bool {
        editing = nil
        return tree.jump(to: id)
    }

    /// The path shows message `id` in place of its sibling; false when none is on the path.
    mutating func show(message id: ConversationTree.MessageID) -> Bool {
        editing = nil
        return tree.follow(message: id)
    }

    /// Applies a piece of the reply to the last reply.
    mutating func applyToReply(_ event: CompletionEvent, at instant: ContinuousClock.Instant) {
        updateLastReply { $0.apply(event, at: instant) }
    }

    /// The request that started the last reply, or with `message` the compared reply `message`.
    mutating func record(_ request: RequestPreview, toMessage message: ConversationTree.MessageID? = nil) {
        guard let message else { return updateLastReply { $0.request = request } }
        tree.update(message: message) { $0.request = request }
    }

    /// The reply ended with `status`.
    mutating func finishReply(_ status: TranscriptEntry.Status, at instant: ContinuousClock.Instant, wallTime: Double) {
        updatedAt = wallTime
        updateLastReply {
            $0.status = status
            $0.finishedAt = instant
        }
    }

    private mutating func updateLastReply(_ change: (inout TranscriptEntry) -> Void) {
        guard let index = entries.lastIndex(where: { $0.role == .assistant }) else { return }
        tree.update(at: index, change)
    }

    /// `r`: the path ends before the reply at `index`, so the reply requested next becomes its
    /// sibling (the old one and whatever followed it stay in the tree); false when that message
    /// is not a reply to a message.
    mutating func rewindForRegeneration(at index: Int) -> Bool {
        guard entries.indices.contains(index), entries[index].role == .assistant, index > 0, entries[index - 1].role == .user else {
            return false
        }
        editing = nil
        tree.rewind(toLength: index)
        return true
    }

    /// `e`: the user's message at `index` is to be edited; returns its text. Nothing changes
    /// until the edited message is sent, which makes it a sibling of this one.
    mutating func beginEdit(at index: Int) -> String? {
        guard entries.indices.contains(index), entries[index].role == .user else { return nil }
        editing = index
        return entries[index].text
    }

    /// The pending edit is dropped; the message stays as it was.
    mutating func cancelEdit() {
        editing = nil
    }

    /// Makes choice `choice` of the reply at `index` continue the conversation; the number of
    /// choices it has, or nil when it has no such choice.
    mutating func choose(_ choice: Int, at index: Int) -> Int? {
        guard entries.indices.contains(index), entries[index].choices.indices.contains(choice) else { return nil }
        tree.update(at: index) { $0.chosenChoice = choice }
        return entries[index].choices.count
    }

    /// The path follows the sibling `offset` places from the message at `index`; its new
    /// position, or nil when it has no siblings.
    mutating func switchBranch(at index: Int, by offset: Int) -> BranchPosition? {
        editing = nil
        return tree.switchBranch(at: index, by: offset)
    }

    /// Removes the message at `index` and what follows it, in every branch, showing a sibling
    /// instead; false when it has none.
    mutating func deleteBranch(at index: Int, at wallTime: Double) -> Bool {
        editing = nil
        guard tree.deleteBranch(at: index) else { return false }
        updatedAt = wallTime
        return true
    }

    mutating func retitle(_ newTitle: String, at wallTime: Double) {
        title = newTitle
        updatedAt = wallTime
    }

    /// The store renamed this conversation (from the picker).
    mutating func renamed(to newTitle: String) {
        title = newTitle
    }

    // MARK: - Values

    mutating func assign(_ text: String, to field: PanelField) -> String? {
        values.assign(text, to: field)
    }

    mutating func adjust(_ field: PanelField, by direction: Double, coarse: Bool) {
        values.adjust(field, by: direction, coarse: coarse)
    }

    @discardableResult
    mutating func flip(_ field: PanelField) -> Bool {
        values.flip(field)
    }

    mutating func unset(_ parameter: SamplingParameter) {
        values.unset(parameter)
    }

    mutating func chooseSeed(_ choice: SeedChoice) {
        values.chooseSeed(choice)
    }

    mutating func reset(_ field: PanelField) {
        values.reset(field)
    }

    mutating func resetValues() {
        values.resetAll()
    }

    mutating func setMode(_ mode: ConversationMode) {
        values.setMode(mode)
    }

    /// Every value back as `kept` had them (side A's, after the panel edited side B).
    mutating func replaceValues(with kept: RequestValues) {
        values = kept
    }

    mutating func replaceParameters(with loaded: SamplingParameters) {
        values.replaceParameters(with: loaded)
    }

    // MARK: - Starting over

    /// An empty conversation with a new id and the values podchat started with.
    mutating func startOver(at wallTime: Double, on writer: String) {
        endpoint = writer
        tree = ConversationTree()
        editing = nil
        restoredRecord = nil
        title = ""
        values.resetAll()
        id = nextID()
        (createdAt, updatedAt) = (wallTime, wallTime)
    }

    /// Requests now go to `writer`, whose jobs take `format`: an empty conversation begins
    /// there instead.
    mutating func moveTo(_ writer: String, format: InputFormat) {
        values.adopt(format)
        if tree.messageCount == 0 { endpoint = writer }
    }

    /// Becomes the stored conversation `record`, already validated into a tree and values.
    mutating func become(_ record: ConversationRecord, tree restored: ConversationTree, settings: RequestSettings, parameters: SamplingParameters) {
        values.restore(settings: settings, parameters: parameters)
        tree = restored
        editing = nil
        (id, title, createdAt, updatedAt) = (record.id, record.title, record.createdAt, record.updatedAt)
        endpoint = record.endpoint
        restoredRecord = self.record
    }

    /// The endpoint that wrote the path's reply at `index`, when it is not the one that wrote the
    /// reply before it (or, for a first reply, not where the conversation began); nil otherwise.
    package func changedEndpoint(at index: Int) -> String? {
        guard entries.indices.contains(index), entries[index].role == .assistant else { return nil }
        let writer = entries[index].endpoint ?? endpoint
        let before = entries[..<index].last { $0.role == .assistant }.map { $0.endpoint ?? endpoint } ?? endpoint
        return writer == before ? nil : writer
    }

    /// A fresh id: 16 hex digits from the generator seeded at start, so tests get fixed ids.
    private mutating func nextID() -> String {
        func hex(_ value: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
        return hex(ids.next()) + hex(ids.next())
    }

    /// The first line of `text`, cut to ``titleLength`` characters.
    static func title(from text: String) -> String {
        let line = text.split(separator: "\n").first.map { String($0).trimmingWhitespace } ?? ""
        return line.count > titleLength ? String(line.prefix(titleLength - 1)) + "…" : line
    }
}
