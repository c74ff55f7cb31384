import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Conversations survive the process: saved as they go, back with `--resume`, found with the
/// picker. The real binary in tmux against the simulator, with private data and config homes.
@Suite(.serialized) struct ConversationResumeTests {
    private func launch(_ simulator: SimulatorServer, home: String, arguments: [String] = []) async throws -> TmuxSession {
        try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()] + arguments, home: home, width: 110, height: 32)
    }

    private func temperatureRow(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("temperature") }.map(String.init)
    }

    @Test func aConversationComesBackWithResumeAndAnotherOneFromThePicker() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()

        let first = try await launch(simulator, home: home)
        try await first.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await first.type("/set temperature 0.3")
        try await first.press("Enter")
        try await first.waitForScreen("the /set confirmation") { $0.contains("temperature 0.30 from the next request") }
        try await first.send("Remember the word avocado")
        try await first.press("C-q")
        try await first.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
        await first.close()

        let second = try await launch(simulator, home: home, arguments: ["--resume"])
        defer { Task { await second.close() } }
        let resumed = try await second.waitForScreen("the resumed transcript") { $0.contains("Remember the word avocado") && $0.contains("Sampling") }
        #expect(temperatureRow(resumed)?.contains("0.30") == true)
        try await second.send("Which word?")
        let inputs = try await simulator.jobInputs(count: 2)
        #expect(inputs[1]["sampling_params"]?["temperature"] == .number(0.3))
        let contents = inputs[1]["messages"]?.arrayValue?.compactMap { $0["content"]?.stringValue } ?? []
        #expect(contents.first == "Remember the word avocado")
        #expect(contents.last == "Which word?")
        #expect(contents.count == 3)

        try await second.type("/new")
        try await second.press("Enter")
        try await second.waitForScreen("an empty conversation") { $0.contains("New conversation") && !$0.contains("avocado") }
        try await second.send("Tell me about turnips")
        try await second.press("C-o")
        try await second.waitForScreen("the picker") { $0.contains("Conversations") && $0.contains("Search:") }
        try await second.type("avocado")
        try await second.waitForScreen("the picker filtered to the first conversation") { screen in
            screen.contains("Search: avocado") && !screen.contains("Tell me about turnips")
        }
        try await second.press("Enter")
        let loaded = try await second.waitForScreen("the first conversation's transcript") { $0.contains("Loaded") && $0.contains("Which word?") }
        #expect(!loaded.contains("turnips"))
        try await second.press("C-q")
        try await second.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }

    @Test func aResumeThatFailsSaysWhyAndExitsTwo() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        defer { Task { try? await simulator.stop() } }
        let terminal = try await launch(simulator, home: try Executables.temporaryDirectory(), arguments: ["--resume", "nothing-by-that-name"])
        defer { Task { await terminal.close() } }
        let screen = try await terminal.waitForScreen("podchat to exit") { $0.contains("podchat-exited-2") }
        #expect(screen.contains("podchat: nothing-by-that-name: "))
    }
}
