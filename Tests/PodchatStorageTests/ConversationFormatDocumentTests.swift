import Foundation
import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// docs/conversation-format.md is the format's contract; its example must be what podchat
/// really writes, and a conversation podchat can open.
@Suite struct ConversationFormatDocumentTests {
    /// The JSON block of the document's example.
    private func example() throws -> String {
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/conversation-format.md").standardized
        let text = try String(contentsOf: document, encoding: .utf8)
        let start = try #require(text.range(of: "```json\n")).upperBound
        let end = try #require(text.range(of: "\n```", range: start..<text.endIndex)).lowerBound
        return String(text[start..<end])
    }

    @Test func theExampleIsByteForByteWhatPodchatWrites() throws {
        let json = try example()
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(json.utf8))
        #expect(String(decoding: try FileConversationStore.encode(record), as: UTF8.self) == json)
    }

    @Test func theExampleOpensInTheChatWindow() throws {
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(try example().utf8))
        var app = AppHarness()
        app.send(.store(.loaded(record)))
        #expect(app.state.window.notice?.isError == false)
        // The current branch: the failed reply is the regenerated one's sibling.
        #expect(app.state.conversation.entries.map(\.text).last == "Add 10 minutes: potatoes take longer than leeks.")
        #expect(app.state.conversation.entries.count == record.messages.count - 1)
        #expect(app.state.conversation.entries.last?.branch == BranchPosition(number: 2, count: 2))
        // The endpoint is the session's own; everything else comes back as stored.
        let reopened = app.state.conversation.record
        #expect(reopened.messages == record.messages)
        #expect(reopened.settings == record.settings && reopened.parameters == record.parameters && reopened.title == record.title)
    }
}
