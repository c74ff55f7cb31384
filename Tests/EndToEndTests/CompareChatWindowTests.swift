import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `/compare` in the real binary against the simulator: both sides stream at once, one is
/// kept, the other is a branch away, and the tree survives quitting; a stopped compare leaves
/// no job running.
@Suite(.serialized) struct CompareChatWindowTests {
    private func launch(_ simulator: SimulatorServer, home: String, arguments: [String] = []) async throws -> TmuxSession {
        try await TmuxSession.podchat(["--endpoint-url", simulator.endpointURL()] + arguments, home: home, width: 130, height: 34)
    }

    @Test func aCompareOfTwoTemperaturesIsKeptSwitchedAndResumed() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(5)))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let chat = try await launch(simulator, home: home)
        try await chat.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await chat.type("/set temperature 0.2")
        try await chat.press("Enter")
        try await chat.send("Name a colour [[sim:params]]")

        try await chat.type("/compare temperature=1.2")
        try await chat.press("Enter")
        let compared = try await chat.waitForScreen("both sides in") { $0.contains("1 keeps A") }
        #expect(compared.contains("A · the panel") && compared.contains("B · temperature=1.2"))
        #expect(compared.contains("[temperature=0.2 ") && compared.contains("[temperature=1.2 "))
        let jobs = simulator.jobs.filter { $0.sampling != nil }
        try #require(jobs.count == 3)
        // The two jobs leave together, in either order.
        #expect(Set(jobs.suffix(2).compactMap { $0.sampling?.temperature }) == [0.2, 1.2])
        let inputs = try await simulator.jobInputs(count: 3)
        let seeds = inputs.suffix(2).map { $0["sampling_params"]?["seed"] }
        #expect(seeds[0] != nil && seeds[0] == seeds[1], "both sides share one seed")

        try await chat.press("1")
        let kept = try await chat.waitForScreen("A kept") { $0.contains("Kept A") }
        #expect(kept.contains("‹ 2/3 ›") && kept.contains("[temperature=0.2 ") && !kept.contains("[temperature=1.2 "))
        try await chat.press("Tab")
        try await chat.press("Tab")
        try await chat.press("]")
        let other = try await chat.waitForScreen("B's branch") { $0.contains("‹ 3/3 ›") && $0.contains("[temperature=1.2 ") }
        #expect(!other.contains("Compare ·"))
        try await chat.press("C-q")
        try await chat.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
        await chat.close()

        let resumed = try await launch(simulator, home: home, arguments: ["--resume"])
        defer { Task { await resumed.close() } }
        try await resumed.waitForScreen("B's branch, resumed") { $0.contains("‹ 3/3 ›") && $0.contains("[temperature=1.2 ") }
        try await resumed.press("Tab")
        try await resumed.press("Tab")
        try await resumed.press("[")
        try await resumed.waitForScreen("A's branch, resumed") { $0.contains("‹ 2/3 ›") && $0.contains("[temperature=0.2 ") }
        try await resumed.press("[")
        try await resumed.waitForScreen("the first reply, resumed") { $0.contains("‹ 1/3 ›") }
        try await resumed.press("C-q")
        try await resumed.waitForScreen("podchat to exit") { $0.contains("podchat-exited-0") }
    }

    @Test func aStoppedCompareLeavesNoJobRunning() async throws {
        let simulator = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(5)))
        defer { Task { try? await simulator.stop() } }
        let chat = try await launch(simulator, home: try Executables.temporaryDirectory())
        defer { Task { await chat.close() } }
        try await chat.waitForScreen("the chat window") { $0.contains("Sampling") }
        try await chat.send("Tell me a long story [[sim:slow=100]]")
        try await chat.type("/compare temperature=1.5")
        try await chat.press("Enter")
        try await chat.waitForScreen("both sides streaming") { $0.contains("comparing") && $0.contains("Esc stops both") }
        _ = try await simulator.jobInputs(count: 3)
        let compared = simulator.jobs.filter { $0.sampling != nil }.suffix(2).map(\.id)
        try #require(compared.count == 2)
        // Both requests were out before either reply was done: they left in the same frame.
        #expect(compared.allSatisfy { simulator.status(ofJob: $0)?.isTerminal == false })
        try await chat.press("Escape")
        try await chat.waitForScreen("the compare stopped") { $0.contains("1 keeps A") }
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while compared.contains(where: { simulator.status(ofJob: $0)?.isTerminal != true }) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(compared.map { simulator.status(ofJob: $0) } == [.cancelled, .cancelled])
        let cancels = simulator.requests.filter { $0.path.contains("/cancel/") }.map(\.path)
        #expect(Set(compared.map { id in cancels.contains { $0.hasSuffix(id) } }) == [true])
    }
}
