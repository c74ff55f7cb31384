import Foundation
import PodchatCore

/// The report as `podchat usage` prints it: an aligned table for people, JSON for programs.
/// Files keep no price, so every cost is priced with the current config's prices (see
/// ``UsagePricing``); the simulator's replies (`demo`) cost nothing.
extension UsageReport {
    /// The label of conversations held with the built-in simulator, which costs nothing.
    static let demoEndpoint = "demo"

    /// What `row` cost at its endpoint's price, or nil when nothing prices it.
    package static func cost(of row: Row, at pricing: UsagePricing) -> Double? {
        pricing.price(of: row.endpoint)?.cost(executionMilliseconds: row.executionMilliseconds)
    }

    /// One row per endpoint and day under a header, a total, and a line saying how costs
    /// were priced.
    package func table(pricing: UsagePricing) -> String {
        let header = ["ENDPOINT", "DAY", "REPLIES", "PROMPT", "COMPLETION", "QUEUED", "RAN", "COST"]
        var cells = [header]
        for row in rows { cells.append(Self.cells(of: row, pricing: pricing)) }
        var totalCells = Self.cells(of: total, pricing: UsagePricing())
        totalCells[0] = "total"
        totalCells[7] = totalCost(pricing).map(GPUPrice.formatted) ?? "-"
        cells.append(totalCells)
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        let lines = cells.map { line in
            line.enumerated().map { column, cell in
                // Names left, numbers right.
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return (lines + [Self.note(pricing)]).joined(separator: "\n") + "\n"
    }

    /// `{"price_per_second", "prices_per_second", "note", "rows": [...], "total": {...}}`; a
    /// row's `cost` is absent when nothing prices it.
    package func json(pricing: UsagePricing) -> [String: JSONValue] {
        var total = Self.object(of: self.total, pricing: UsagePricing())
        if let cost = totalCost(pricing) { total["cost"] = .number(cost) }
        let named = pricing.configured.compactMapValues { $0.map { JSONValue.number($0.dollarsPerSecond) } }
        return [
            "price_per_second": pricing.standard.map { .number($0.dollarsPerSecond) } ?? .null,
            "prices_per_second": .object(named),
            "note": .string(Self.note(pricing)),
            "rows": .array(rows.map { .object(Self.object(of: $0, pricing: pricing)) }),
            "total": .object(total.filter { $0.key != "endpoint" && $0.key != "day" }),
        ]
    }

    /// The rows' costs summed; nil when no row is priced.
    private func totalCost(_ pricing: UsagePricing) -> Double? {
        let costs = rows.compactMap { Self.cost(of: $0, at: pricing) }
        return costs.isEmpty ? nil : costs.reduce(0, +)
    }

    private static func note(_ pricing: UsagePricing) -> String {
        guard !pricing.isEmpty else { return "No price_per_second in the config: no cost shown. Days are UTC." }
        let standard = pricing.standard.map { "the config's price_per_second ($\($0.dollarsPerSecond)/s)" }
        let rule = ["each named endpoint's own price_per_second", standard.map { "elsewhere " + $0 }].compactMap { $0 }
        return "Cost = execution time × \(rule.joined(separator: ", ")), none for demo: "
            + "conversation files keep no price. Queue time is not billed. Days are UTC."
    }

    private static func cells(of row: Row, pricing: UsagePricing) -> [String] {
        [
            row.endpoint, row.day, String(row.replies), String(row.promptTokens), String(row.completionTokens),
            duration(row.queueMilliseconds), duration(row.executionMilliseconds), cost(of: row, at: pricing).map(GPUPrice.formatted) ?? "-",
        ]
    }

    private static func object(of row: Row, pricing: UsagePricing) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "endpoint": .string(row.endpoint), "day": .string(row.day), "replies": .number(Double(row.replies)),
            "prompt_tokens": .number(Double(row.promptTokens)), "completion_tokens": .number(Double(row.completionTokens)),
            "queue_ms": .number(Double(row.queueMilliseconds)), "execution_ms": .number(Double(row.executionMilliseconds)),
        ]
        if let cost = cost(of: row, at: pricing) { object["cost"] = .number(cost) }
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
