import Foundation

/// Figures measured in a fresh `podchat-bench` process, for figures a long-running benchmark
/// process would distort (its peak memory includes building the fixtures).
///
/// The child prints one figure a line, `name<TAB>value<TAB>unit`; ``print(_:)`` writes them.
enum ChildMeasurement {
    /// Runs this executable with `arguments` and returns the figures it printed.
    static func run(_ arguments: [String]) throws -> [Figure] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("\(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
        return try String(decoding: printed, as: UTF8.self).split(separator: "\n").map(parse)
    }

    /// Prints `figures` for the parent to read.
    static func print(_ figures: [Figure]) {
        let lines = figures.map { "\($0.name)\t\($0.value)\t\($0.unit.rawValue)\n" }.joined()
        FileHandle.standardOutput.write(Data(lines.utf8))
    }

    private static func parse(_ line: Substring) throws -> Figure {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 3, let value = Double(fields[1]), let unit = Figure.Unit(rawValue: String(fields[2])) else {
            throw BenchmarkFailure("the child printed \"\(line)\", not a figure")
        }
        return Figure(name: String(fields[0]), value: value, unit: unit)
    }
}
