import Foundation

/// A benchmark `podchat-bench` can run.
///
/// `prepare` builds the fixtures once, in a scratch directory the runner creates and removes,
/// and returns one repetition; the runner calls it several times and reports each figure's
/// median, minimum and maximum. New benchmarks are added to ``BenchmarkRegistry/all``.
struct Benchmark: Sendable {
    /// One run of the measured work, reporting its figures.
    typealias Repetition = @Sendable () throws -> [Figure]

    /// What `--filter` matches.
    let name: String
    /// What the figures mean, in a sentence, printed above them.
    let measures: String
    let prepare: @Sendable (_ scratch: URL) throws -> Repetition
}
