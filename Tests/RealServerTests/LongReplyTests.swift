import Foundation
import PodchatTestSupport
import Testing

extension RealServerLane {
    /// Replies of hundreds of tokens at the model's real pace: long enough for llama.cpp's
    /// `: ping` keep-alive comments (every 15 s) and for a rate worth measuring.
    @Suite struct LongReplyTests {
        static let story = "Tell me a long story about a dragon."

        /// Over 15 s of streaming, so the stream carries `: ping` comment lines (in the job's
        /// output, a list element holding nothing but the ping): the text is still exact. 1,600
        /// tokens take over 20 s even when the machine is idle (about 66 tokens/s decoded).
        @Test(arguments: Transport.allCases)
        func aReplyLongerThanThePingIntervalIsExact(transport: Transport) async throws {
            let servers = try RealServers.required()
            let messages = [["role": "user", "content": Self.story]]
            let direct = try await DirectRequest.streamedChat(servers, messages: messages, parameters: ["temperature": 0, "max_tokens": 1_600])
            let reply = try await PodchatAsk.run(transport, Self.story, settings: [("temperature", "0"), ("max_tokens", "1600")])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(reply.text == direct.text)
            // The premise: this reply took long enough that llama.cpp pinged.
            #expect(direct.raw.contains("\n: ping - ") || direct.raw.hasPrefix(": ping - "), "no ping in a \(direct.text.count)-character stream")
        }

        /// A benchmark, not a timed assertion: the rate at which a reply's tokens appear in the
        /// chat window against the rate llama.cpp reports for the same request, in one run.
        /// The figures go to the test output and, by hand, to BENCHMARKS.md.
        @Test func onScreenRateAgainstTheServersOwnRate() async throws {
            let servers = try RealServers.required()
            let terminal = try await TmuxSession.podchat(
                ["--openai-base-url", servers.openAIBaseURL], home: try Executables.temporaryDirectory(), width: 110, height: 32)
            defer { Task { await terminal.close() } }
            try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
            for setting in ["/set max_tokens 400", "/set temperature 0"] {
                try await terminal.type(setting)
                try await terminal.press("Enter")
                try await terminal.waitForScreen("\(setting) to apply") { $0.contains("from the next request") && !$0.contains("› /set") }
            }
            try await terminal.type(Self.story)
            try await terminal.waitForScreen("the message in the input") { $0.contains("› \(Self.story)") }
            try await DirectRequest.resetPromptCache(servers)
            let requestsBefore = try servers.serverTimings().count
            try await terminal.press("Enter")
            let sent = ContinuousClock.now
            // The model echoes the question first: its second copy on screen is the first text.
            let echoed: @Sendable (String) -> Bool = { $0.components(separatedBy: "long story about a dragon").count > 2 }
            try await terminal.waitForScreen(timeout: .seconds(60), "the first text") { echoed($0) }
            let firstText = ContinuousClock.now
            try await terminal.waitForScreen(timeout: .seconds(180), "the reply to finish") {
                $0.contains("Enter send") && !$0.contains("streaming…")
            }
            let finished = ContinuousClock.now
            let timings = try servers.serverTimings()
            try #require(timings.count > requestsBefore, "llama.cpp logged no timings for the request")
            let tokens = timings.last?.tokens ?? 0
            #expect(tokens >= 200, "a long reply: \(tokens) tokens after the first")
            // llama.cpp's rate counts its decode runs, the tokens after the first: so does this one.
            let onScreen = Double(tokens) / Self.seconds(finished - firstText)
            let server = try #require(timings.last)
            let line = String(
                format: "real-server benchmark: %d tokens after the first; llama.cpp decodes %.1f tokens/s, serves %.1f tokens/s "
                    + "(its total time for the request, %.2f s); on screen %.1f tokens/s (first text after %.2f s, whole reply %.2f s)",
                tokens, server.tokensPerSecond, Double(tokens) / server.totalSeconds, server.totalSeconds, onScreen,
                Self.seconds(firstText - sent), Self.seconds(finished - sent))
            print(line)
        }

        static func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
