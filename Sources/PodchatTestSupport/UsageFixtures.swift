import PodchatCore

/// Saved conversations with known totals, for `podchat usage`: on endpoint `abc123`, three
/// replies on 2026-12-01 (UTC; one a regenerated sibling, which counts too) and one on
/// 2026-12-02 (an OpenAI-route reply, with no execution time); one demo reply on 2026-12-02.
package enum UsageFixtures {
    /// 2026-12-01 00:00 UTC.
    package static let firstDay = 1_796_083_200.0

    /// Totals on `abc123`, 2026-12-01: prompt 30, completion 60, queue 1.5 s, execution 9 s.
    package static let records: [ConversationRecord] = [
        record(
            id: "u1", endpoint: "abc123",
            replies: [
                (firstDay + 3_600, 10, 20, 500, 2_000),
                (firstDay + 3_700, 10, 25, 1_000, 4_000),
                (firstDay + 80_000, 10, 15, nil, 3_000),
            ]),
        record(id: "u2", endpoint: "abc123", replies: [(firstDay + 86_400 + 60, 7, 8, 200, nil)]),
        record(id: "u3", endpoint: "demo", replies: [(firstDay + 86_400 + 120, 5, 6, 100, 1_000)]),
    ]

    /// A conversation whose replies follow one question each; the second reply is a sibling of
    /// the first (regenerated), the rest continue the path.
    private static func record(
        id: String, endpoint: String, replies: [(time: Double, prompt: Int, completion: Int, queue: Int?, execution: Int?)]
    ) -> ConversationRecord {
        var messages: [ConversationRecord.StoredMessage] = []
        var nextID = 1
        for (index, reply) in replies.enumerated() {
            let isSibling = index == 1
            let parent: Int?
            if isSibling {
                parent = messages[messages.count - 2].id
            } else {
                messages.append(.init(id: nextID, parent: messages.last?.id, role: .user, content: "question \(index)", time: reply.time))
                parent = nextID
                nextID += 1
            }
            let info = ConversationRecord.ReplyInfo(
                status: "completed", parameters: [:], usage: Usage(promptTokens: reply.prompt, completionTokens: reply.completion),
                queueMilliseconds: reply.queue, executionMilliseconds: reply.execution)
            messages.append(.init(id: nextID, parent: parent, role: .assistant, content: "answer \(index)", time: reply.time, reply: info))
            nextID += 1
        }
        let settings = ConversationRecord.Settings(
            mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false)
        return ConversationRecord(
            id: id, title: "usage \(id)", createdAt: firstDay, updatedAt: firstDay + 90_000, endpoint: endpoint, settings: settings,
            parameters: [:], messages: messages, current: messages.last?.id)
    }
}
