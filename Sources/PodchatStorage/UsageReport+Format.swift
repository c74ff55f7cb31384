import Foundation
import PodchatCore

/// The report as `podchat usage` prints it: an aligned table for people, JSON for programs.
/// Files keep no price, so every cost is priced with the one given (the current config's
/// `price_per_second`); the simulator's replies (`demo`) cost nothing.
extension UsageReport {
    /// The label of conversations held with the built-in simulator, which costs nothing.
    static let demoEndpoint = "demo"

    /// What `row` cost at `price`, or nil when there is no price or it is the simulator's.
    package static func cost(of row: Row, at price: GPUPrice?) -> Double? {
        guard let price, row.endpoint != demoEndpoint else { return nil }
        return price.cost(executionMilliseconds: row.executionMilliseconds)
    }

    /// One row per endpoint and day under a header, a total, and a line saying how costs
    /// were priced.
    package func table(price: GPUPrice?) -> String {
        let header = ["ENDPOINT", "DAY", "REPLIES", "PROMPT", "COMPLETION", "QUEUED", "RAN", "COST"]
        var cells = [header]
        for row in rows { cells.append(Self.cells(of: row, price: price)) }
        var totalCells = Self.cells(of: total, price: price)
        totalCells[0] = "total"
        totalCells[7] = price.map { _ in GPUPrice.formatted(rows.compactMap { Self.cost(of: $0, at: price) }.reduce(0, +)) } ?? "-"
        cells.append(totalCells)
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        let lines = cells.map { line in
            line.enumerated().map { column, cell in
                // Names left, numbers right.
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return (lines + [Self.note(price: price)]).joined(separator: "\n") + "\n"
    }

    /// `{"price_per_second", "note", "rows": [...], "total": {...}}`; a row's `cost` is absent
    /// when nothing prices it.
    package func json(price: GPUPrice?) -> [String: JSONValue] {
        var total = Self.object(of: self.total, price: nil)
        if let price {
            total["cost"] = .number(rows.compactMap { Self.cost(of: $0, at: price) }.reduce(0, +))
        }
        return [
            "price_per_second": price.map { .number($0.dollarsPerSecond) } ?? .null,
            "note": .string(Self.note(price: price)),
            "rows": .array(rows.map { .object(Self.object(of: $0, price: price)) }),
            "total": .object(total.filter { $0.key != "endpoint" && $0.key != "day" }),
        ]
    }

    private static func note(price: GPUPrice?) -> String {
        guard let price else { return "No price_per_second in the config: no cost shown. Days are UTC." }
        return "Cost = execution time × the config's price_per_second ($\(price.dollarsPerSecond)/s) for every endpoint but demo: "
            + "conversation files keep no price. Queue time is not billed. Days are UTC."
    }

    private static func cells(of row: Row, price: GPUPrice?) -> [String] {
        [
            row.endpoint, row.day, String(row.replies), String(row.promptTokens), String(row.completionTokens),
            duration(row.queueMilliseconds), duration(row.executionMilliseconds), cost(of: row, at: price).map(GPUPrice.formatted) ?? "-",
        ]
    }

    private static func object(of row: Row, price: GPUPrice?) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "endpoint": .string(row.endpoint), "day": .string(row.day), "replies": .number(Double(row.replies)),
            "prompt_tokens": .number(Double(row.promptTokens)), "completion_tokens": .number(Double(row.completionTokens)),
            "queue_ms": .number(Double(row.queueMilliseconds)), "execution_ms": .number(Double(row.executionMilliseconds)),
        ]
        if let cost = cost(of: row, at: price) { object["cost"] = .number(cost) }
        return object
    }

    /// `14.2s`, `12m 03s`, `3h 05m`.
    private static func duration(_ milliseconds: Int) -> String {
        let seconds = milliseconds / 1000
        if seconds < 60 { return String(format: "%.1fs", Double(milliseconds) / 1000) }
        if seconds < 3600 { return String(format: "%dm %02ds", seconds / 60, seconds % 60) }
        return String(format: "%dh %02dm", seconds / 3600, seconds % 3600 / 60)
    }
}
