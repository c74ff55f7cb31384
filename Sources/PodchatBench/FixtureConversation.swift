import PodchatCore

/// Conversations as podchat saves them, made up for benchmarks: alternating questions and
/// replies, each reply with the parameters, usage, job id and timings a real one carries.
enum FixtureConversation {
    /// The 10,000-message conversation of the large-conversation benchmarks: questions of about
    /// 200 characters, replies of about 800, 8.6 MB as stored.
    static func large(id: String) -> ConversationRecord {
        var text = FixtureText(seed: 10_000)
        return make(
            id: id, title: "A very long conversation", updatedAt: 1_795_000_000, messageCount: 10_000, questionLength: 200, replyLength: 800,
            text: &text)
    }

    /// A conversation of `messageCount` messages; questions average `questionLength`
    /// characters and replies `replyLength`.
    static func make(
        id: String, title: String, updatedAt: Double, messageCount: Int, questionLength: Int, replyLength: Int, text: inout FixtureText
    ) -> ConversationRecord {
        let messages = (0..<messageCount).map { index in
            let time = updatedAt - Double(messageCount - index) * 30
            guard !index.isMultiple(of: 2) else {
                return ConversationRecord.StoredMessage(
                    role: .user, content: text.prose(length: text.number(in: questionLength / 2...questionLength * 3 / 2)), time: time)
            }
            let reply = ConversationRecord.ReplyInfo(
                status: "completed", parameters: ["max_tokens": 1024, "temperature": 0.7, "seed": .number(Double(index))],
                usage: Usage(promptTokens: 40 * index, completionTokens: replyLength / 4), jobID: "sync-\(id)-\(index)",
                timeToFirstTokenMilliseconds: text.number(in: 150...900), durationMilliseconds: text.number(in: 2_000...9_000))
            let content = text.prose(length: text.number(in: replyLength / 2...replyLength * 3 / 2))
            return ConversationRecord.StoredMessage(role: .assistant, content: content, time: time, reply: reply)
        }
        return ConversationRecord(
            id: id, title: title, createdAt: updatedAt - Double(messageCount) * 30, updatedAt: updatedAt, endpoint: "abc123xyz",
            settings: ConversationRecord.Settings(
                mode: .chat, applyChatTemplate: false, systemPrompt: "You are a helpful assistant.", inputFormat: "native", stream: true,
                newSeedEachRequest: true),
            parameters: ["max_tokens": 1024, "temperature": 0.7], messages: messages)
    }
}
