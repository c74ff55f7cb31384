import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The real `podchat` binary in tmux: once it knows the model's context length (from a refusal
/// or the model list) it fits each request into it instead of letting the server refuse it.
@Suite(.serialized) struct ContextFitChatWindowTests {
    @Test func aRequestThatWouldNotFitGetsALowerMaxTokensAndANotice() async throws {
        let options = SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy, maxModelLen: 600)
        let simulator = try await SimulatorServer.start(port: 0, options: options)
        defer { Task { try? await simulator.stop() } }
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), width: 140, height: 30)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") && $0.contains("Ctrl-Q quit") }
        // The first request asks for more than the whole context: the server refuses it, and the
        // refusal teaches podchat the context length.
        try await terminal.type("hi")
        try await terminal.press("Enter")
        let refused = try await terminal.waitForScreen("the refusal") { $0.contains("is more than the model's whole context") }
        #expect(!refused.contains("vLLM returned HTTP"))
        try await terminal.type("and now a longer question about the weather")
        try await terminal.press("Enter")
        let fitted = try await terminal.waitForScreen("the notice") { $0.contains("To fit the model's 600-token context") }
        #expect(fitted.contains("max_tokens"))
        // The screen may show the notice before the request reaches the simulator.
        let sent = ContinuousClock.now.advanced(by: .seconds(10))
        while simulator.requests.filter({ $0.path.hasSuffix("/run") }).count < 2, ContinuousClock.now < sent {
            try await Task.sleep(for: .milliseconds(20))
        }
        let runs = simulator.requests.filter { $0.path.hasSuffix("/run") }
        #expect(runs.count == 2)
        let maxTokens = try #require(runs.last?.json?["input"]?["sampling_params"]?["max_tokens"]?.intValue)
        #expect(maxTokens < 1024)
        try await terminal.waitForScreen("the second reply, which the server took") { $0.contains("finish\u{A0}stop") }
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }
}
