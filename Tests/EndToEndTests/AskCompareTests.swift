import Foundation
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// `podchat ask --compare`, the real binary, against the simulator over loopback HTTP. The
/// simulator is deterministic and `[[sim:params]]` makes each reply state the temperature it
/// ran with, so the two sides' replies differ exactly where their parameters do.
@Suite(.serialized) struct AskCompareTests {
    private func ask(_ arguments: [String], simulator: SimulatorServer) async throws -> ChildProcess.Outcome {
        let home = try Executables.temporaryDirectory()
        return try await ChildProcess.run(
            [Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL()] + arguments,
            environment: Executables.isolatedEnvironment(configHome: home))
    }

    private func startSimulator(
        tokenDelay: Duration = .milliseconds(1), outputFormat: WorkerOutputFormat = .legacy, thinkingTokens: Int? = nil
    ) async throws -> SimulatorServer {
        try await SimulatorServer.start(
            port: 0, options: SimulatorOptions(tokenDelay: tokenDelay, outputFormat: outputFormat, thinkingTokens: thinkingTokens))
    }

    /// The seeds the headers name, in order.
    private func seeds(in output: String) -> [String] {
        output.split(separator: "\n").filter { $0.hasPrefix("── ") }.compactMap { line in
            line.range(of: "· seed ").map { String(line[$0.upperBound...].prefix { $0.isNumber }) }
        }
    }

    /// The `sampling_params` of every job submitted, in order.
    private func submittedSampling(_ simulator: SimulatorServer) -> [[String: JSONValue]] {
        simulator.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/run") }.compactMap {
            $0.json?["input"]?["sampling_params"]?.objectValue
        }
    }

    @Test func eachSideIsWhatAPlainAskWithTheSameSeedPrints() async throws {
        let simulator = try await startSimulator()
        defer { Task { try? await simulator.stop() } }
        let question = "Compare me [[sim:params]]"
        let outcome = try await ask(["--compare", "temperature=0.2", "temperature=1.2", question], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let seeds = seeds(in: outcome.standardOutput)
        #expect(seeds.count == 2)
        let seed = try #require(seeds.first)
        #expect(seeds == [seed, seed])
        let plainA = try await ask(["--set", "temperature=0.2", "--set", "seed=\(seed)", question], simulator: simulator)
        let plainB = try await ask(["--set", "temperature=1.2", "--set", "seed=\(seed)", question], simulator: simulator)
        #expect(plainA.status == 0 && plainB.status == 0)
        #expect(plainA.standardOutput != plainB.standardOutput)
        #expect(plainA.standardOutput.contains("temperature=0.2 "))
        let expected =
            "── A · temperature=0.2 · seed \(seed) ──\n" + plainA.standardOutput + "── B · temperature=1.2 · seed \(seed) ──\n"
            + plainB.standardOutput
        #expect(outcome.standardOutput == expected)
    }

    @Test func theTwoJobsDifferOnlyInTemperatureAndShareTheSeed() async throws {
        let simulator = try await startSimulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(
            ["--set", "top_k=40", "--compare", "temperature=0.2", "temperature=1.2", "Two jobs please"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let sampling = submittedSampling(simulator)
        try #require(sampling.count == 2)
        #expect(Set(sampling.map { $0["temperature"] }) == [.number(0.2), .number(1.2)])
        let seed = try #require(sampling[0]["seed"]?.intValue)
        #expect(sampling[1]["seed"]?.intValue == seed)
        #expect(seeds(in: outcome.standardOutput) == ["\(seed)", "\(seed)"])
        var withoutTemperature = sampling
        for index in withoutTemperature.indices { withoutTemperature[index]["temperature"] = nil }
        #expect(withoutTemperature[0] == withoutTemperature[1])
        #expect(withoutTemperature[0]["top_k"] == .number(40))
        let ran = simulator.jobs.compactMap(\.sampling)
        try #require(ran.count == 2)
        #expect(Set(ran.map(\.temperature)) == [0.2, 1.2])
        var same = ran
        for index in same.indices { same[index].temperature = 0 }
        #expect(same[0] == same[1])
    }

    @Test func bothJobsAreSubmittedBeforeEitherReplyEnds() async throws {
        let simulator = try await startSimulator(tokenDelay: .milliseconds(20))
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--compare", "temperature=0.2", "temperature=1.2", "At the same time"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let paths = simulator.requests.map(\.path)
        let submissions = paths.indices.filter { paths[$0].hasSuffix("/run") }
        try #require(submissions.count == 2)
        let firstRead = try #require(paths.first { $0.contains("/stream/") })
        let firstJobsReads = paths.indices.filter { paths[$0] == firstRead }
        // Asked one after the other, the second /run would come after the first job's last read.
        #expect(submissions[1] < firstJobsReads.last ?? 0, "requests: \(paths)")
    }

    @Test func aSideThatSetsItsOwnSeedUsesIt() async throws {
        let simulator = try await startSimulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--set", "seed=11", "--compare", "seed=5 top_p=0.9", "temperature=1", "Seeds"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        #expect(seeds(in: outcome.standardOutput) == ["5", "11"])
        #expect(outcome.standardOutput.hasPrefix("── A · seed=5 top_p=0.9 · seed 5 ──\n"))
        #expect(Set(submittedSampling(simulator).map { $0["seed"] }) == [.number(5), .number(11)])
    }

    @Test func jsonGivesBothSidesLabelledWithTheirChangesAndSeed() async throws {
        let simulator = try await startSimulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(
            ["--json", "--compare", "temperature=0.2", "temperature=1.2, stop_token_ids=1,2", "JSON please [[sim:params]]"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let report = try #require(JSONValue(parsing: outcome.standardOutput))
        #expect(report.objectValue?.keys.sorted() == ["compare", "podchat"])
        let sides = try #require(report["compare"]?.arrayValue)
        try #require(sides.count == 2)
        #expect(sides.map { $0["label"] } == ["A", "B"])
        #expect(sides[0]["changes"] == .object(["temperature": 0.2]))
        #expect(sides[1]["changes"] == .object(["temperature": 1.2, "stop_token_ids": [1, 2]]))
        let seed = try #require(sides[0]["seed"]?.intValue)
        #expect(sides[1]["seed"]?.intValue == seed)
        #expect(submittedSampling(simulator).map { $0["seed"]?.intValue } == [seed, seed])
        for (side, temperature) in zip(sides, ["0.2", "1.2"]) {
            #expect(side["status"] == "COMPLETED")
            #expect(side["finish_reason"] == "stop")
            #expect(side["job_id"]?.stringValue?.isEmpty == false)
            #expect(side["text"]?.stringValue?.contains("temperature=\(temperature) ") == true)
            #expect((side["usage"]?["completion_tokens"]?.intValue ?? 0) > 0)
        }
        #expect(sides[0]["job_id"] != sides[1]["job_id"])
    }

    @Test(arguments: [
        (["temperature=0.2", "temperature=hot", "q"], "--compare 'temperature=hot': temperature must be a number in 0.00…2.00 (got hot)"),
        (["temperature=0.2", "top_p=0.9 heat=1", "q"], "--compare 'top_p=0.9 heat=1': heat=1: heat is not a sampling parameter (known: "),
        (["temperature=0.2"], "--compare takes exactly two side specs"),
        (["a=1", "b=2", "c=3", "q"], "--compare takes exactly two side specs"),
    ])
    func aBadSpecIsAUsageErrorNamingIt(compare: [String], message: String) async throws {
        let simulator = try await startSimulator()
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--compare"] + compare, simulator: simulator)
        #expect(outcome.status == 64, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains(message), "stderr: \(outcome.standardError)")
        #expect(simulator.requests.isEmpty)
    }

    @Test func oneFailedSideExitsOneAndSaysWhich() async throws {
        // The proxy worker refuses a max_tokens beyond the model's context (8192 tokens).
        let simulator = try await startSimulator(outputFormat: .proxy)
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--compare", "temperature=0.2", "max_tokens=10000", "One fails"], simulator: simulator)
        #expect(outcome.status == 1, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("podchat: B failed: "), "stderr: \(outcome.standardError)")
        #expect(!outcome.standardError.contains("podchat: A failed"))
        #expect(outcome.standardOutput.contains("You wrote “One fails”"))
        #expect(outcome.standardOutput.contains("── B · max_tokens=10000 · seed "))
    }

    @Test func anInterruptCancelsBothJobsAndExits130() async throws {
        let simulator = try await startSimulator(tokenDelay: .milliseconds(50), outputFormat: .proxy)
        defer { Task { try? await simulator.stop() } }
        let home = try Executables.temporaryDirectory()
        let child = try ChildProcess(
            [
                Executables.podchat, "ask", "--endpoint-url", simulator.endpointURL(), "--compare", "temperature=0.2", "temperature=1.2",
                "Slowly [[sim:tokens=400]]",
            ],
            environment: Executables.isolatedEnvironment(configHome: home))
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        // Side A's header, then the first of its streamed text.
        while child.isRunning, ContinuousClock.now < deadline, child.standardOutputSoFar.split(separator: "\n").count < 2 {
            try await Task.sleep(for: .milliseconds(10))
        }
        kill(child.pid, SIGINT)
        let outcome = await child.wait()
        #expect(outcome.status == 130, "stderr: \(outcome.standardError)")
        #expect(outcome.standardError.contains("interrupted; both jobs were cancelled"))
        #expect(simulator.requests.filter { $0.path.contains("/cancel/") }.count == 2)
        #expect(!outcome.standardOutput.contains("── B"))
    }

    @Test func showReasoningLabelsEachSidesThinkingOnStandardError() async throws {
        let simulator = try await startSimulator(outputFormat: .proxy, thinkingTokens: 12)
        defer { Task { try? await simulator.stop() } }
        let outcome = try await ask(["--show-reasoning", "--compare", "temperature=0.2", "temperature=1.2", "Think first"], simulator: simulator)
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let lines = outcome.standardError.split(separator: "\n")
        let headingA = try #require(lines.firstIndex(of: "── A · reasoning ──"))
        let headingB = try #require(lines.firstIndex(of: "── B · reasoning ──"))
        #expect(headingA < headingB)
        #expect(lines[headingA + 1].hasPrefix("Thinking"))
        #expect(lines[headingB + 1].hasPrefix("Thinking"))
        #expect(!outcome.standardOutput.contains("Thinking"))
        #expect(outcome.standardOutput.components(separatedBy: "You wrote “Think first”").count == 3)
    }
}
