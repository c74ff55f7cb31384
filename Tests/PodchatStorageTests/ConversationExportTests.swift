import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `/export` and `podchat export`: Markdown to read, or exactly the JSON podchat stores.
@Suite struct ConversationExportTests {
    private let record = ConversationRecord(
        id: "c1", title: "Eggs", createdAt: 0, updatedAt: 0, endpoint: "runpod abc",
        settings: .init(
            mode: .chat, applyChatTemplate: false, systemPrompt: "Be brief.", inputFormat: "native", stream: true, newSeedEachRequest: false),
        parameters: ["temperature": 0.2],
        messages: [
            .init(role: .user, content: "How long?\n```\ncode stays\n```", time: 1),
            .init(
                role: .assistant, content: "Six minutes.", time: 2, choices: ["Six minutes.", "Seven."], chosenChoice: 0,
                reply: .init(status: "truncated", parameters: ["seed": 7], usage: Usage(promptTokens: 3, completionTokens: 4), jobID: "job-9")),
        ])

    /// "Soup?" answered "Leek." then, regenerated, "Onion." (shown).
    private let branched = ConversationRecord(
        id: "c2", title: "Soup", createdAt: 0, updatedAt: 0, endpoint: "demo",
        settings: .init(mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false),
        parameters: [:],
        messages: [
            .init(id: 1, role: .user, content: "Soup?", time: 1),
            .init(id: 2, parent: 1, role: .assistant, content: "Leek.", time: 2, reply: .init(status: "completed", parameters: [:])),
            .init(id: 3, parent: 1, role: .assistant, content: "Onion.", time: 3, reply: .init(status: "completed", parameters: [:])),
        ],
        current: 3)

    @Test func markdownIsTheBranchShownAndAllGivesEveryBranch() throws {
        let shown = branched.markdown
        #expect(shown.contains("## You\n\nSoup?") && shown.contains("## Assistant\n\nOnion."))
        #expect(!shown.contains("Leek."))
        let all = String(decoding: try ConversationExport.data(branched, as: .markdown, allBranches: true), as: UTF8.self)
        #expect(all.contains("## Branch 1 of 2\n\n### You\n\nSoup?\n\n### Assistant\n\nLeek."))
        #expect(all.contains("## Branch 2 of 2 (current)\n\n### You\n\nSoup?\n\n### Assistant\n\nOnion."))
        let json = try ConversationExport.data(branched, as: .json, allBranches: false)
        #expect(try JSONDecoder().decode(ConversationRecord.self, from: json).messages.count == 3, "JSON always holds every branch")
    }

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

    @Test func eachFormatIsTheBytesOfItsRendering() throws {
        #expect(try ConversationExport.data(record, as: .markdown) == Data(record.markdown.utf8))
        #expect(try ConversationExport.data(record, as: .json) == FileConversationStore.encode(record))
    }

    @Test func writingReplacesTheFileWithTheExport() throws {
        let path = try Executables.temporaryDirectory() + "/eggs.json"
        try Data("an older export, longer than the new one will be".utf8).write(to: URL(fileURLWithPath: path))
        try ConversationExport.write(record, as: .json, to: path)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try JSONDecoder().decode(ConversationRecord.self, from: written) == record)
    }

    @Test func aFileThatCannotBeWrittenIsNamed() throws {
        let path = try Executables.temporaryDirectory() + "/no such directory/eggs.md"
        let error = #expect(throws: ConversationStoreError.self) { try ConversationExport.write(record, as: .markdown, to: path) }
        #expect(error?.path == path)
    }
}
