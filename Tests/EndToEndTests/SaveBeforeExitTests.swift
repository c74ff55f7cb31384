import Foundation
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// Saves run on a disk worker off the loop's thread, so the save asked for on the way out is
/// still under way when the loop ends; podchat must wait for it before it exits. A long
/// conversation makes that save take long enough to be cut short if it did not.
@Suite(.serialized) struct SaveBeforeExitTests {
    /// About 8 MB as stored: the save encodes and writes it all.
    private static func longConversation() -> ConversationRecord {
        let reply = String(repeating: "A reply long enough to make the file large. ", count: 40)
        let messages = (0..<4_000).map { index in
            index.isMultiple(of: 2)
                ? ConversationRecord.StoredMessage(role: .user, content: "Question \(index / 2)?", time: Double(index))
                : ConversationRecord.StoredMessage(
                    role: .assistant, content: reply, time: Double(index),
                    reply: ConversationRecord.ReplyInfo(status: "completed", parameters: ["max_tokens": 1024]))
        }
        return ConversationRecord(
            id: "0123456789abcdef", title: "Long", createdAt: 0, updatedAt: 4_000, endpoint: "demo",
            settings: ConversationRecord.Settings(
                mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false),
            parameters: ["max_tokens": 1024], messages: messages)
    }

    @Test func quittingMidReplyWaitsForTheSaveOfALongConversation() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(40)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let store = FileConversationStore.standard(environment: ["XDG_DATA_HOME": home])
        let original = Self.longConversation()
        try store.save(original)

        let terminal = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL(), "--resume"], home: home)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the resumed conversation") { $0.contains("Sampling") && $0.contains("make the file large") }
        try await terminal.type("one more, streaming when podchat quits")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the reply to stream") { $0.contains("streaming…") && $0.contains("You wrote “one more") }
        try await terminal.press("C-q")
        let after = try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-") }
        #expect(after.contains("podchat-exited-0"), "podchat did not end cleanly:\n\(after)")

        let saved = try store.load(id: original.id)
        #expect(saved.messages.count == original.messages.count + 2, "the quit's save did not reach the disk")
        #expect(saved.messages.last?.reply?.status == "cancelled")
    }
}
