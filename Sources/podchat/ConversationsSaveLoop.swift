import ArgumentParser
import Foundation
import PodchatCore
import PodchatStorage

extension Conversations {
    /// For the crash-safety test only: saves one conversation again and again through the
    /// real store, a message longer each time, so a test can kill it at any moment and check
    /// what is on disk. After each save it prints `saved N` (N messages), unbuffered.
    struct SaveLoop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "_save-loop", abstract: "Save a growing conversation COUNT times (for tests).", shouldDisplay: false)

        /// The reply statuses the stored messages cycle through.
        static let statuses = ["completed", "truncated", "cancelled", "failed"]

        @Option(help: "The conversation's id; an existing conversation grows on.")
        var id: String

        @Option(help: "How many saves.")
        var count: Int

        func run() throws {
            let store = Conversations.store
            var record = try existingOrNew(in: store)
            for _ in 0..<count {
                let number = record.messages.count + 1
                record.messages.append(Self.message(number))
                record.updatedAt = Date().timeIntervalSince1970
                do throws(ConversationStoreError) { try store.save(record) } catch {
                    StandardError.write("podchat: \(error)")
                    throw ExitCode.failure
                }
                FileHandle.standardOutput.write(Data("saved \(number)\n".utf8))
            }
        }

        private func existingOrNew(in store: FileConversationStore) throws -> ConversationRecord {
            let file = store.directory.appendingPathComponent("\(id).json").path
            guard FileManager.default.fileExists(atPath: file) else {
                let now = Date().timeIntervalSince1970
                let settings = ConversationRecord.Settings(
                    mode: .chat, applyChatTemplate: false, systemPrompt: "", inputFormat: "native", stream: true, newSeedEachRequest: false)
                return ConversationRecord(
                    id: id, title: "Save loop", createdAt: now, updatedAt: now, endpoint: "test", settings: settings, parameters: [:], messages: [])
            }
            return try Conversations.find(id, in: store)
        }

        /// Message `number`: it starts with `message <number>:` so a reader can check order and
        /// completeness; its length varies, with a 60 KB one every tenth, so saves take time.
        static func message(_ number: Int) -> ConversationRecord.StoredMessage {
            let filler = String(repeating: "日本語 ✓ café e\u{301} 🚀 שלום ", count: number % 10 == 0 ? 1_600 : 20 + number % 7 * 30)
            let content = "message \(number): \(filler)"
            guard number.isMultiple(of: 2) else { return .init(role: .user, content: content, time: Date().timeIntervalSince1970) }
            let status = statuses[number / 2 % statuses.count]
            let reply = ConversationRecord.ReplyInfo(
                status: status, error: status == "failed" ? "worker crashed" : nil, parameters: ["seed": .number(Double(number))])
            return .init(role: .assistant, content: content, time: Date().timeIntervalSince1970, reply: reply)
        }
    }
}
