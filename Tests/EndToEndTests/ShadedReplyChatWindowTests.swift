import Foundation
import PodchatSimulator
import PodchatTestSupport
import Testing

/// F7 in the real binary: with `logprobs` set, the simulator's reply comes with each token's
/// probability and is drawn shaded, its least likely tokens named; against today's proxy worker.
@Suite(.serialized) struct ShadedReplyChatWindowTests {
    @Test func aReplyWithLogProbabilitiesIsShaded() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), width: 110, height: 32)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("/set logprobs 3")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("logprobs set") { $0.contains("logprobs 3 from the next request") }
        try await terminal.send("Which colour?")
        let plain = try await terminal.capture()
        #expect(!plain.contains("least likely:"))
        try await terminal.press("F7")
        let shaded = try await terminal.waitForScreen("the reply shaded") { $0.contains("Shaded by probability") }
        let runs = simulator.requests.filter { $0.path.hasSuffix("/run") }
        #expect(runs.count == 1)
        // The simulator's tokens are all likely unless it says otherwise; when any is under 90 %,
        // the least likely are named under the reply.
        #expect(shaded.contains("Which colour?"))
        try await terminal.press("F7")
        try await terminal.waitForScreen("shading off") { $0.contains("Shading off") && !$0.contains("least likely:") }
    }
}
