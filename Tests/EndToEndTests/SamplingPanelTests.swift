import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The sampling panel and `/set` in the real binary, checked against what the simulator was sent.
@Suite(.serialized) struct SamplingPanelTests {
    private func launch(_ simulator: SimulatorServer) async throws -> TmuxSession {
        try await TmuxSession.podchat(
            ["--endpoint-url", simulator.endpointURL()], home: try Executables.temporaryDirectory(), width: 110, height: 32)
    }

    /// The `sampling_params` of every `/run` so far, once there are `count` of them.
    private func samplingParams(of simulator: SimulatorServer, count: Int) async throws -> [JSONValue] {
        try await simulator.jobInputs(count: count).map { $0["sampling_params"] ?? .null }
    }

    @Test func panelKeysAndSetChangeWhatTheNextRequestSends() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }

        try await terminal.press("Tab")
        try await terminal.waitForScreen("the panel to take the keys") { $0.contains("Enter edit") }
        try await terminal.press("Left", "Left", "S-Left")
        try await terminal.waitForScreen("temperature 0.40 in the panel") { screen in
            screen.split(separator: "\n").contains { $0.contains("temperature") && $0.contains("0.40") }
        }
        try await terminal.press("Tab", "Tab")
        try await terminal.waitForScreen("the input to take the keys") { $0.contains("Enter send") }
        try await terminal.send("first")
        let first = try await samplingParams(of: simulator, count: 1)
        #expect(first[0]["temperature"] == .number(0.4))

        try await terminal.type("/set top_p 0.5")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the /set confirmation") { $0.contains("top_p 0.50 from the next request") }
        try await terminal.send("second")
        let second = try await samplingParams(of: simulator, count: 2)
        #expect(second[1]["top_p"] == .number(0.5))
        #expect(second[1]["temperature"] == .number(0.4))

        try await terminal.type("/set top_p 7")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("the refusal") { $0.contains("top_p must be a number in 0.01…1.00 (got 7)") }
        try await terminal.press("C-u")
        try await terminal.send("third")
        let third = try await samplingParams(of: simulator, count: 3)
        #expect(third[2]["top_p"] == .number(0.5))
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.count == 3)

        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }
}
