import Foundation
import PodchatCore
import PodchatSimulator
import PodchatStorage
import PodchatTestSupport
import Testing

/// The real binary with `price_per_second` in its config, against the simulator: the reply's
/// footer shows the execution time Runpod's job answer reported and its cost, the status bar
/// the total, and the saved conversation keeps the time the cost came from.
@Suite(.serialized) struct ReplyCostChatWindowTests {
    @Test func theFooterShowsTheReplysExecutionTimeAndCost() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(40)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
        try #"{"price_per_second": 0.00031}"#.write(toFile: home + "/podchat/config.json", atomically: true, encoding: .utf8)
        let chat = try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()], home: home, width: 150, height: 30)
        defer { Task { await chat.close() } }
        try await chat.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await chat.send("Count to five [[sim:tokens=30]]")
        let screen = try await chat.waitForScreen("the cost in the footer") { $0.contains("spent $") }
        try await chat.press("C-q")
        try await chat.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }

        let store = FileConversationStore.standard(environment: ["XDG_DATA_HOME": home])
        let saved = try store.load(id: try #require(store.list().conversations.first).id)
        let executed = try #require(saved.messages.last?.reply?.executionMilliseconds)
        // 30 tokens at 40 ms each ran for about 1.2 s on the simulated worker.
        #expect(executed >= 1000)
        let cost = GPUPrice.formatted(GPUPrice(dollarsPerSecond: 0.00031).cost(executionMilliseconds: executed))
        let footer = "ran\u{A0}\(String(format: "%.1f", Double(executed) / 1000))s · \(cost)"
        #expect(screen.contains(footer) || screen.contains(footer.replacingOccurrences(of: "\u{A0}", with: " ")), "\(footer) not in\n\(screen)")
        #expect(screen.contains("spent \(cost)"))
    }
}
