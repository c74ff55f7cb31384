import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// Ctrl-C on plain `podchat ask`, the real binary, against the simulator over loopback HTTP:
/// the promise in `ask --help` is exit 130, a word on standard error and the job cancelled.
@Suite(.serialized) struct AskInterruptTests {
    /// Whether a cancelled reply ends by throwing or quietly is a race inside podchat, so one
    /// interrupt proves little: each worker format is interrupted at two points of its text
    /// (more cases add load that upsets the timing-sensitive terminal suites running alongside).
    @Test(arguments: [WorkerOutputFormat.legacy, .proxy], [30, 100])
    func anInterruptMidReplyCancelsTheJobAndExits130(format: WorkerOutputFormat, afterCharacters: Int) async throws {
        // 400 tokens 50 ms apart: the reply is still streaming long after the interrupt.
        let simulator = try await SimulatorServer.start(
            port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(50), outputFormat: format))
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let child = try ChildProcess(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "Slowly [[sim:tokens=400]]"],
            environment: Executables.isolatedEnvironment(configHome: home))
        // Waits for text rather than a fixed time, so a loaded machine interrupts the stream too.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while child.isRunning, ContinuousClock.now < deadline, child.standardOutputSoFar.count < afterCharacters {
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(child.isRunning && child.standardOutputSoFar.count >= afterCharacters, "the reply never got that far")
        kill(child.pid, SIGINT)
        let outcome = await child.wait()
        #expect(outcome.status == 130, "stdout: \(outcome.standardOutput)\nstderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("podchat: interrupted; the job was cancelled"), "stderr: \(outcome.standardError)")
        try #require(simulator.jobs.count == 1, "jobs: \(simulator.jobs)")
        let jobID = simulator.jobs[0].id
        #expect(
            simulator.requests.contains { $0.method == "POST" && $0.path.hasSuffix("/cancel/\(jobID)") },
            "requests: \(simulator.requests.map(\.path))")
    }
}
