import PodchatCore
import PodchatStorage
import Testing

/// `/export` and `podchat export`: Markdown to read, or exactly the JSON podchat stores.
@Suite struct ConversationExportTests {
    private let record = ConversationRecord(
        id: "c1", title: "Eggs", createdAt: 0, updatedAt: 0, endpoint: "runpod abc",
        settings: .init(mode: .chat, applyChatTemplate: false, systemPrompt: "Be brief.", inputFormat: "native", stream: true, newSeedEachRequest: false),
        parameters: ["temperature": 0.2],
        messages: [
            .init(role: .user, content: "How long?\n```\ncode stays\n```", time: 1),
            .init(
                role: .assistant, content: "Six minutes.", time: 2, choices: ["Six minutes.", "Seven."], chosenChoice: 0,
                reply: .init(status: "truncated", parameters: ["seed": 7], usage: Usage(promptTokens: 3, completionTokens: 4), jobID: "job-9")),
        ])

    @Test func markdownKeepsTheTextAndDescribesEachReply() {
        let markdown = record.markdown
        #expect(markdown.hasPrefix("# Eggs\n"))
        #expect(markdown.contains("- system prompt: Be brief."))
        #expect(markdown.contains("## You\n\nHow long?\n```\ncode stays\n```"))
        #expect(markdown.contains("## Assistant\n\nSix minutes."))
        #expect(markdown.contains("### Other choice 2 of 2\n\nSeven."))
        #expect(markdown.contains("_truncated · seed 7 · 3 prompt + 4 completion tokens · job job-9_"))
        #expect(!markdown.contains("RUNPOD_API_KEY"))
    }
}
