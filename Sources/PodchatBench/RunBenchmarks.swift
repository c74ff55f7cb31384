import ArgumentParser
import Foundation

/// Runs the registered benchmarks (or those `--filter` names) and prints a table for each.
struct RunBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the benchmarks and print the median, minimum and maximum of each figure.")

    @Option(help: ArgumentHelp("Run only the benchmarks whose name contains this text.", valueName: "name"))
    var filter: String?

    @Option(help: "How many times each benchmark is repeated.")
    var repetitions = 5

    @Flag(help: "List the benchmarks and what they measure, without running them.")
    var list = false

    func validate() throws {
        guard repetitions > 0 else { throw ValidationError("--repetitions must be at least 1") }
        guard !selected.isEmpty else {
            let names = BenchmarkRegistry.all.map(\.name).joined(separator: ", ")
            throw ValidationError("no benchmark's name contains \"\(filter ?? "")\" (there are: \(names))")
        }
    }

    private var selected: [Benchmark] {
        BenchmarkRegistry.all.filter { benchmark in filter.map { benchmark.name.localizedCaseInsensitiveContains($0) } ?? true }
    }

    func run() throws {
        if list {
            for benchmark in selected { print("\(benchmark.name): \(benchmark.measures)") }
            return
        }
        for benchmark in selected {
            let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("podchat-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let repetition = try benchmark.prepare(scratch)
            let figures = try (0..<repetitions).map { _ in try repetition() }
            print(ResultTable.render(benchmark, repetitions: repetitions, statistics: FigureStatistics.summarize(figures)))
        }
    }
}
