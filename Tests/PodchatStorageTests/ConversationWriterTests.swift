import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// A saved conversation names the podchat that wrote it (`writer`), and files without one open.
@Suite struct ConversationWriterTests {
    @Test func aSaveNamesThisBuildAsTheWriterEvenOfARecordReadFromAnother() throws {
        let store = FileConversationStore(directory: URL(fileURLWithPath: try Executables.temporaryDirectory()))
        var record = ConversationRecord(
            id: "0123456789abcdef", title: "Leeks", createdAt: 1, updatedAt: 2, endpoint: "demo",
            settings: .init(mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: true),
            parameters: [:], messages: [.init(id: 1, role: .user, content: "hi", time: 1)], current: 1)
        #expect(record.writer == ConversationRecord.currentWriter)
        record.writer = "podchat 0.8.0 (0ld0ld0)"
        try store.save(record)
        let written = try Data(contentsOf: store.directory.appendingPathComponent("\(record.id).json"))
        #expect(JSONValue(parsing: String(decoding: written, as: UTF8.self))?["writer"] == .string(ConversationRecord.currentWriter))
        #expect(ConversationRecord.currentWriter.hasPrefix("podchat "))
    }

    @Test func aFileWithoutAWriterOpensAndKeepsNone() throws {
        let json = """
            {"format_version": 4, "id": "a", "title": "", "created_at": 1, "updated_at": 1, "endpoint": "demo",
             "settings": {"mode": "chat", "apply_chat_template": false, "system_prompt": "", "input_format": "native",
                          "stream": true, "new_seed_each_request": true},
             "parameters": {}, "messages": []}
            """
        let record = try FileConversationStore.decode(Data(json.utf8), path: "a.json")
        #expect(record.writer == nil)
        #expect(!String(decoding: try FileConversationStore.encode(record), as: UTF8.self).contains("writer"))
    }
}
