import Foundation
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// `/endpoint NAME` in the real binary, between two simulators the config names: a Runpod job
/// endpoint and an OpenAI-compatible one. Each message goes where the status bar says, the
/// footer names the endpoint when it changes, and the saved conversation records each reply's.
@Suite(.serialized) struct EndpointSwitchChatWindowTests {
    @Test func switchingEndpointsMidConversationBetweenTwoSimulators() async throws {
        let jobs = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
        let openAI = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1), outputFormat: .proxy))
        defer {
            Task {
                try? await jobs.stop()
                try? await openAI.stop()
            }
        }
        let home = try Executables.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
        let config: JSONValue = .object([
            "default_endpoint": .string("qwen"),
            "endpoints": .object([
                "qwen": .object(["endpoint_url": .string(jobs.endpointURL(id: "q")), "price_per_second": .number(0.001)]),
                "local": .object(["openai_base_url": .string(openAI.endpointURL(id: "o") + "/openai/v1")]),
            ]),
        ])
        try Data(config.encodedText.utf8).write(to: URL(fileURLWithPath: home + "/podchat/config.json"))
        let chat = try await TmuxSession.podchat([], home: home, width: 150, height: 40)
        defer { Task { await chat.close() } }
        try await chat.waitForScreen("the window on qwen") { Self.statusBar($0).hasPrefix(" qwen ") }

        try await chat.send("First to qwen")
        #expect(Self.runs(jobs) == 1 && Self.completions(openAI) == 0)

        try await chat.type("/endpoint lo")
        try await chat.press("Tab")
        try await chat.waitForScreen("the name completed") { $0.contains("› /endpoint local") }
        try await chat.press("Enter")
        try await chat.waitForScreen("the switch") { Self.statusBar($0).hasPrefix(" local ") && $0.contains("Requests now go to local") }
        try await chat.send("Second to local")
        let switched = try await chat.waitForScreen("the footer naming local") { Self.readable($0).contains("from local") }
        #expect(Self.runs(jobs) == 1 && Self.completions(openAI) == 1, "\(switched)")

        try await chat.type("/endpoint qwen")
        try await chat.press("Enter")
        try await chat.waitForScreen("the switch back") { Self.statusBar($0).hasPrefix(" qwen ") }
        try await chat.send("Third to qwen")
        try await chat.waitForScreen("the footer naming qwen") { Self.readable($0).contains("from qwen") }
        #expect(Self.runs(jobs) == 2 && Self.completions(openAI) == 1)

        try await chat.press("C-q")
        try await chat.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
        let store = FileConversationStore.standard(environment: ["XDG_DATA_HOME": home])
        let saved = try store.load(id: try #require(store.list().conversations.first).id)
        #expect(saved.endpoint == "qwen")
        #expect(saved.messages.compactMap(\.reply?.endpoint) == ["qwen", "local", "qwen"])
        // Only qwen has a price, so only its replies cost anything.
        #expect(saved.messages.compactMap(\.reply?.executionMilliseconds).count == 2)
    }

    private static func statusBar(_ screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
            ?? ""
    }

    /// The screen with the footer's no-break spaces read as spaces.
    private static func readable(_ screen: String) -> String {
        String(screen.map { $0 == "\u{A0}" ? " " : $0 })
    }

    /// Jobs the job endpoint was sent.
    private static func runs(_ simulator: SimulatorServer) -> Int {
        simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/run") }.count
    }

    /// Chat completions the OpenAI-compatible endpoint was sent.
    private static func completions(_ simulator: SimulatorServer) -> Int {
        simulator.requests.filter { $0.method == "POST" && $0.path.contains("/completions") }.count
    }
}
