import Foundation
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// `/warm` in the real binary against a simulated cold endpoint: one one-token job, "warming…"
/// until it answers, and nothing in the conversation.
@Suite(.serialized) struct WarmChatWindowTests {
    @Test func warmSendsOneTinyJobAndSaysWarmingUntilItAnswers() async throws {
        // A cold start: the job waits two seconds for a worker.
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(queueDelay: .seconds(2)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let chat = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: home, width: 130, height: 30)
        defer { Task { await chat.close() } }
        try await chat.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await chat.type("/warm")
        try await chat.press("Enter")
        try await chat.waitForScreen("warming in the status bar") { $0.contains("warming…") }
        let awake = try await chat.waitForScreen("the warm-up job to answer") { $0.contains("The endpoint is awake") }
        #expect(!awake.contains("Assistant") && !awake.contains("You"))
        let inputs = try await simulator.jobInputs(count: 1)
        #expect(inputs.count == 1)
        #expect(inputs.first?["sampling_params"]?["max_tokens"] == .number(1))
        try await chat.press("C-q")
        try await chat.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
        // An empty conversation is never saved: the warm-up left nothing to keep.
        #expect(FileConversationStore.standard(environment: ["XDG_DATA_HOME": home]).list().conversations.isEmpty)
    }
}
