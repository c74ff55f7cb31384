import Foundation

/// The figures of one benchmark as an aligned text table.
enum ResultTable {
    static func render(_ benchmark: Benchmark, repetitions: Int, statistics: [FigureStatistics]) -> String {
        let header = ["figure", "median", "min", "max"]
        let rows = statistics.map { [$0.name, format($0.median, $0.unit), format($0.minimum, $0.unit), format($0.maximum, $0.unit)] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "   ")
        }
        let title = "\(benchmark.name) (\(repetitions) repetitions): \(benchmark.measures)"
        return ([title, "  " + line(header)] + rows.map { "  " + line($0) }).joined(separator: "\n") + "\n"
    }

    private static func format(_ value: Double, _ unit: Figure.Unit) -> String {
        let number: String
        switch unit {
        case .count: number = String(Int(value.rounded()))
        case .milliseconds where value < 10, .microseconds where value < 10: number = String(format: "%.2f", value)
        default: number = String(format: "%.1f", value)
        }
        return unit == .count ? number : "\(number) \(unit.rawValue)"
    }
}
