import Foundation
import PodchatSimulator
import PodchatTestSupport
import Testing

/// The real `podchat` binary in a real terminal (tmux), against the simulator.
@Suite(.serialized) struct ChatWindowTests {
    private func launch(_ simulator: SimulatorServer?, width: Int = 100, height: Int = 30) async throws -> TmuxSession {
        let endpoint = simulator.map { ["--endpoint-url", $0.endpointURL()] } ?? []
        return try await TmuxSession.podchat(endpoint, home: try Executables.temporaryDirectory(), width: width, height: height)
    }

    @Test func withNoEndpointConfiguredItChatsWithTheBuiltInSimulator() async throws {
        let terminal = try await launch(nil)
        defer { Task { await terminal.close() } }
        // The whole first frame: tmux may show one half-drawn on a loaded machine.
        let ready = try await terminal.waitForScreen("the demo welcome") {
            $0.contains("Demo mode") && $0.contains("DEMO") && $0.contains("RUNPOD_API_KEY")
        }
        #expect(ready.contains("DEMO"))
        #expect(ready.contains("RUNPOD_API_KEY"))
        try await terminal.type("Is this the demo?")
        try await terminal.press("Enter")
        let finished = try await terminal.waitForScreen("the demo reply") { $0.contains("tok/s") }
        #expect(finished.contains("simulator"))
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }

    @Test func typingAMessageStreamsTheReplyWithThePanelVisible() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(30)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        let ready = try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") && $0.contains("Ctrl-Q quit") }
        #expect(ready.contains("temperature"))
        #expect(ready.contains("max_tokens"))
        try await terminal.type("Hello, 世界")
        try await terminal.press("Enter")
        let streaming = try await terminal.waitForScreen("a partial reply") { $0.contains("Assistant") && $0.contains("streaming") }
        #expect(streaming.contains("Hello, 世界"))
        let finished = try await terminal.waitForScreen("the finished reply") { $0.contains("tok/s") }
        #expect(!finished.contains("streaming…"))
        #expect(finished.contains("Sampling"))
        #expect(simulator.requests.filter { $0.path.hasSuffix("/run") }.count == 1)
        try await terminal.press("C-q")
        try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }

    @Test func escapeStopsTheReplyKeepsItsTextAndCancelsTheJob() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(60)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.type("Please stream slowly")
        try await terminal.press("Enter")
        try await terminal.waitForScreen("some reply text") { $0.contains("streaming…") && $0.contains("You wrote") }
        try await terminal.press("Escape")
        let stopped = try await terminal.waitForScreen("the cancelled footer") { $0.contains("cancelled") }
        #expect(stopped.contains("You wrote"))
        try await terminal.type("still usable")
        try await terminal.waitForScreen("the input to accept text") { $0.contains("› still usable") }
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while !simulator.requests.contains(where: { $0.path.contains("/cancel/") }) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(simulator.requests.filter { $0.path.contains("/cancel/") }.count == 1)
    }

    @Test func resizingReflowsAndHidesThePanelWhenNarrow() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator)
        defer { Task { await terminal.close() } }
        try await terminal.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await terminal.resize(width: 60, height: 20)
        let narrow = try await terminal.waitForScreen("the panel to hide") { !$0.contains("Sampling") }
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try await terminal.resize(width: 110, height: 30)
        try await terminal.waitForScreen("the panel to return") { $0.contains("Sampling") }
        try await terminal.press("C-c")
        try await terminal.press("C-c")
        try await terminal.waitForScreen("podchat to exit after two Ctrl-C") { $0.contains("podchat-exited-0") }
    }
}
