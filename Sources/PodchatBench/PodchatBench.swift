import ArgumentParser

/// `podchat-bench`: podchat's benchmarks, for figures the test suite never asserts. Build it
/// in release mode: `swift run -c release podchat-bench [--filter NAME]`.
@main
struct PodchatBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podchat-bench",
        abstract: "Measure podchat: each benchmark's figures over several repetitions.",
        discussion: "Benchmarks are registered in BenchmarkRegistry.all; BENCHMARKS.md records their results.",
        subcommands: [RunBenchmarks.self, OpenConversationMeasurement.self, SearchMeasurement.self],
        defaultSubcommand: RunBenchmarks.self
    )
}
