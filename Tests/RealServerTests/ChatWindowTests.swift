import Foundation
import PodchatTestSupport
import Testing

extension RealServerLane {
    /// The chat window, the real binary in tmux, with the real model's pace and text.
    @Suite struct ChatWindowTests {
        /// The assistant messages of the one conversation saved under `home`.
        static func savedReplies(home: String) throws -> [[String: Any]] {
            let folder = home + "/podchat/conversations"
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            try #require(files.count == 1, "saved conversations: \(files)")
            let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + files[0]))
            let conversation = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let messages = (conversation["messages"] as? [[String: Any]]) ?? []
            return messages.filter { $0["role"] as? String == "assistant" }
        }

        @Test func aRealReplyStreamsEscStopsItAndResumeBringsItBack() async throws {
            let servers = try RealServers.required()
            let home = try Executables.temporaryDirectory()
            let arguments = ["--openai-base-url", servers.openAIBaseURL]
            let terminal = try await TmuxSession.podchat(arguments, home: home, width: 110, height: 32)
            try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
            try await terminal.type("/set max_tokens 400")
            try await terminal.press("Enter")
            try await terminal.waitForScreen("the /set confirmation") { $0.contains("from the next request") }
            try await DirectRequest.resetPromptCache(servers)
            let disconnectsBefore = try servers.serverDisconnects()
            try await terminal.type("Tell me a long story about a dragon.")
            try await terminal.press("Enter")
            // Mid-reply: streaming, and the model's own words (it starts by echoing the question)
            // in the transcript as well as in the message above them.
            let streaming = try await terminal.waitForScreen(timeout: .seconds(60), "the reply to stream") { screen in
                screen.contains("streaming…") && screen.components(separatedBy: "long story about a dragon").count > 2
            }
            try await terminal.press("Escape")
            try await terminal.waitForScreen("the cancelled footer") { $0.contains("cancelled") }
            try await terminal.press("C-q")
            try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
            await terminal.close()

            let reply = try #require(try Self.savedReplies(home: home).last)
            let text = try #require(reply["content"] as? String)
            #expect((reply["reply"] as? [String: Any])?["status"] as? String == "cancelled")
            #expect(!text.isEmpty, "screen when stopped:\n\(streaming)")
            // Stopped mid-reply on the server too: podchat closed the stream, and llama.cpp
            // noticed and stopped generating.
            let deadline = ContinuousClock.now.advanced(by: .seconds(20))
            while try servers.serverDisconnects() == disconnectsBefore && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try servers.serverDisconnects() == disconnectsBefore + 1, "llama.cpp never saw the stream closed")

            let resumed = try await TmuxSession.podchat(arguments + ["--resume"], home: home, width: 110, height: 32)
            defer { Task { await resumed.close() } }
            let firstLine = String(text.split(separator: "\n").first?.prefix(30) ?? "")
            let screen = try await resumed.waitForScreen("the resumed conversation") { $0.contains("Sampling") && $0.contains("cancelled") }
            #expect(screen.contains("Tell me a long story about a dragon."))
            #expect(screen.contains(firstLine), "the stopped reply's first line \(firstLine) is not on screen")
        }

        /// Through the SDK's local test server the whole job runs inside the first `/stream`
        /// request, so the reply arrives at once; the window must still show it and save it.
        @Test func aReplyThroughTheWorkersLocalServerArrivesWhole() async throws {
            let servers = try RealServers.required()
            let home = try Executables.temporaryDirectory()
            let terminal = try await TmuxSession.podchat(["--endpoint-url", servers.workerURL], home: home, width: 110, height: 32)
            defer { Task { await terminal.close() } }
            try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
            try await terminal.type("/set max_tokens 24")
            try await terminal.press("Enter")
            try await terminal.waitForScreen("the /set confirmation") { $0.contains("from the next request") }
            try await terminal.send("Name three rivers.")
            try await terminal.press("C-q")
            try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
            let reply = try #require(try Self.savedReplies(home: home).last)
            #expect(!((reply["content"] as? String) ?? "").isEmpty)
            #expect((reply["reply"] as? [String: Any])?["status"] as? String == "truncated")
        }
    }
}
