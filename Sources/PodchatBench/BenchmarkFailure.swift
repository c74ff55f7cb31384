/// A benchmark that could not run: its fixtures failed, or what it measured was wrong.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
