import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// Files written before parameters meant "set and sent" open with the meaning they had on the wire.
@Suite struct VersionOneConversationTests {
    private static let versionOne = """
        {"format_version": 1, "id": "c1", "title": "old", "created_at": 1, "updated_at": 2, "endpoint": "abc",
         "settings": {"mode": "chat", "apply_chat_template": false, "system_prompt": "", "input_format": "native",
                      "stream": true, "new_seed_each_request": false},
         "parameters": {"top_p": 0.9, "max_tokens": 512},
         "messages": [{"role": "user", "content": "hi", "time": 1},
                      {"role": "assistant", "content": "hello", "time": 2,
                       "reply": {"status": "completed", "parameters": {"top_p": 0.9}}}]}
        """

    @Test func whatAVersionOneFileLackedWasNeverSentAndStaysUnset() throws {
        let record = try JSONDecoder().decode(ConversationRecord.self, from: Data(Self.versionOne.utf8))
        var app = AppHarness()
        app.send(.store(.loaded(record)))
        #expect(app.state.conversation.parameters.setValues == ["top_p": 0.9, "max_tokens": 512])
        #expect(!app.state.conversation.parameters.isSet(.temperature), "absent in version 1 meant: not sent")
        #expect(app.state.conversation.entries.last?.reasoning == "")
        let next = try app.sendMessage("again")
        #expect(next.parameters.wireValues.map(\.name) == ["max_tokens", "top_p"])
        // Changed, it is written in the current version: one path, numbered from 1.
        let written = app.state.conversation.record
        #expect(written.formatVersion == ConversationRecord.currentFormatVersion)
        #expect(written.messages.map(\.id) == [1, 2, 3, 4] && written.messages.map(\.parent) == [nil, 1, 2, 3] && written.current == 4)
    }
}
