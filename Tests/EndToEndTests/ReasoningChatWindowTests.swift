import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The real `podchat` binary in tmux against the simulator playing today's proxy worker: a
/// reasoning model's thinking streams, folds and unfolds, and a value the user sets is sent.
@Suite(.serialized) struct ReasoningChatWindowTests {
    private func launch(_ simulator: SimulatorServer) async throws -> TmuxSession {
        try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), width: 110, height: 32)
    }

    @Test func aReasoningReplyStreamsItsThinkingThenFoldsAndUnfolds() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(25), outputFormat: .proxy))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") && $0.contains("Ctrl-Q quit") }
        // 160 tokens of thinking at 25 ms: a 4 s window to see it stream, which a loaded machine's
        // screen polling needs (40 tokens, 1 s, was missed once).
        try await terminal.type("Why is the sky blue? [[sim:think=160]]")
        try await terminal.press("Enter")
        let thinking = try await terminal.waitForScreen("thinking to stream") { $0.contains("▾ thinking…") }
        #expect(thinking.contains("thinking"))
        // A first reply from an endpoint of unknown generation has no usage, so no tok/s; the
        // footer's parts keep their words together with no-break spaces.
        let folded = try await terminal.waitForScreen("the answer, with the thinking folded") {
            $0.contains("finish\u{A0}stop") && $0.contains("▸ thought for")
        }
        #expect(folded.contains("F4 unfolds"))
        #expect(!folded.contains("▾ thinking…"))
        try await terminal.press("F4")
        let unfolded = try await terminal.waitForScreen("the thinking unfolded") { $0.contains("F4 folds") }
        #expect(unfolded.contains("▾ thought for"))
        try await terminal.press("F4")
        try await terminal.waitForScreen("the thinking folded again") { $0.contains("F4 unfolds") }
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.count == 1)
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }

    @Test func setTemperatureOneReachesTheModelInsteadOfItsDefault() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") && $0.contains("model") }
        try await terminal.type("/set temperature 1")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the panel to show it set") { $0.contains("temperature") && $0.contains("1.00") }
        try await terminal.type("What do you sample with? [[sim:params]]")
        try await terminal.press("Enter")
        let reply = try await terminal.waitForScreen("the reply stating its values") { $0.contains("finish\u{A0}stop") }
        #expect(reply.contains("temperature=1.0"), "the model used the value the user set, not its own 0.6")
        #expect(reply.contains("top_p=0.95"), "an unset value takes the model's default")
        let run = try #require(simulator.requests.first { $0.path.hasSuffix("/run") })
        #expect(run.json?["input"]?["sampling_params"]?["temperature"] == .number(1))
        #expect(run.json?["input"]?["sampling_params"]?["top_p"] == nil)
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }
}
