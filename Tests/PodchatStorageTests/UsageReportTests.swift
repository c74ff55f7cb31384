import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `podchat usage`'s sums over saved conversations with known totals.
@Suite struct UsageReportTests {
    private static let price = UsagePricing(standard: GPUPrice(dollarsPerSecond: 0.00031))

    @Test func sumsEveryReplyOfEveryBranchPerEndpointAndDay() throws {
        let report = UsageReport(records: UsageFixtures.records, since: nil)
        #expect(report.rows.map { "\($0.endpoint) \($0.day)" } == ["abc123 2026-12-01", "abc123 2026-12-02", "demo 2026-12-02"])
        let first = report.rows[0]
        #expect(first.replies == 3 && first.promptTokens == 30 && first.completionTokens == 60)
        #expect(first.queueMilliseconds == 1_500 && first.executionMilliseconds == 9_000)
        #expect(report.rows[1].replies == 1 && report.rows[1].executionMilliseconds == 0)
        #expect(report.total.replies == 5 && report.total.promptTokens == 42 && report.total.completionTokens == 74)
        #expect(report.total.queueMilliseconds == 1_800 && report.total.executionMilliseconds == 10_000)
    }

    @Test func costsUseThePriceForEveryEndpointButTheSimulator() throws {
        let report = UsageReport(records: UsageFixtures.records, since: nil)
        #expect(UsageReport.cost(of: report.rows[0], at: Self.price).map { abs($0 - 0.00279) < 1e-12 } == true)
        #expect(UsageReport.cost(of: report.rows[2], at: Self.price) == nil)
        #expect(UsageReport.cost(of: report.rows[0], at: UsagePricing()) == nil)
        let json = JSONValue.object(report.json(pricing: Self.price))
        // 9 s on abc123 is priced; the demo's second is not.
        #expect(json["total"]?["cost"]?.numberValue.map { abs($0 - 0.00279) < 1e-12 } == true)
        #expect(json["total"]?["execution_ms"] == .number(10_000))
        #expect(json["rows"]?.arrayValue?.count == 3)
        #expect(json["rows"]?.arrayValue?[2]["cost"] == nil)
        #expect(json["price_per_second"] == .number(0.00031))
        #expect(json["note"]?.stringValue?.contains("conversation files keep no price") == true)
    }

    @Test func theTableAlignsTheRowsAndSaysHowItPriced() {
        let table = UsageReport(records: UsageFixtures.records, since: nil).table(pricing: Self.price)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ENDPOINT  DAY         REPLIES  PROMPT  COMPLETION  QUEUED    RAN     COST"))
        #expect(lines[1] == "abc123    2026-12-01        3      30          60    1.5s   9.0s  $0.0028")
        #expect(lines[3].hasPrefix("demo") && lines[3].hasSuffix("  -"))
        #expect(lines[4].hasPrefix("total") && lines[4].hasSuffix("$0.0028"))
        #expect(lines[5].contains("price_per_second ($0.00031/s)"))
        #expect(UsageReport(records: UsageFixtures.records, since: nil).table(pricing: UsagePricing()).contains("No price_per_second"))
    }

    /// The config's prices: a top-level one, and named endpoints with and without their own.
    private static func namedPricing() throws -> UsagePricing {
        let config = try Config.parse(
            """
            {"price_per_second": 0.0001, "endpoint_id": "abc123",
             "endpoints": {"qwen": {"endpoint_id": "q1", "price_per_second": 0.001},
                           "local": {"openai_base_url": "http://127.0.0.1:8000/v1"}}}
            """, path: "c.json")
        return UsagePricing(config: config)
    }

    @Test func eachReplyCountsForTheEndpointThatWroteItAtThatEndpointsPrice() throws {
        var switched = UsageFixtures.records[0]
        let writers: [String?] = ["qwen", "local", nil]
        for (index, position) in switched.messages.indices.filter({ switched.messages[$0].reply != nil }).enumerated() {
            switched.messages[position].reply?.endpoint = writers[index]
        }
        let report = UsageReport(records: [switched], since: nil)
        #expect(report.rows.map(\.endpoint) == ["abc123", "local", "qwen"])
        #expect(report.rows.map(\.executionMilliseconds) == [3_000, 4_000, 2_000])
        let pricing = try Self.namedPricing()
        let costs = report.rows.map { UsageReport.cost(of: $0, at: pricing) }
        // abc123: 3 s at the top-level price; local has none of its own; qwen: 2 s at its own.
        #expect(costs[0].map { abs($0 - 0.0003) < 1e-12 } == true)
        #expect(costs[1] == nil)
        #expect(costs[2].map { abs($0 - 0.002) < 1e-12 } == true)
        let json = JSONValue.object(report.json(pricing: pricing))
        #expect(json["prices_per_second"] == .object(["qwen": .number(0.001), "q1": .number(0.001)]))
        #expect(json["total"]?["cost"]?.numberValue.map { abs($0 - 0.0023) < 1e-12 } == true)
        #expect(report.table(pricing: pricing).contains("each named endpoint's own price_per_second"))
    }

    @Test(
        arguments: [
            ("qwen", 0.001), ("q1", 0.001), ("local", nil), ("abc123", 0.0001), ("other", 0.0001), ("demo", nil),
        ] as [(String, Double?)])
    func pricesByNameThenEndpointIDThenTheTopLevel(endpoint: String, dollarsPerSecond: Double?) throws {
        #expect(try Self.namedPricing().price(of: endpoint)?.dollarsPerSecond == dollarsPerSecond)
    }

    @Test func sinceKeepsOnlyLaterReplies() {
        let report = UsageReport(records: UsageFixtures.records, since: UsageFixtures.firstDay + 86_400)
        #expect(report.total.replies == 2)
        #expect(report.rows.map(\.day) == ["2026-12-02", "2026-12-02"])
    }

    @Test(arguments: [
        ("7d", 1_000_000.0 - 7 * 86_400), ("24h", 1_000_000.0 - 86_400), ("2026-12-01", 1_796_083_200.0),
    ])
    func readsSince(text: String, expected: Double) {
        #expect(UsageReport.since(text, now: 1_000_000) == expected)
    }

    @Test(arguments: ["7", "d", "-1d", "7w", "2026-13-01", "yesterday"])
    func refusesOtherSince(text: String) {
        #expect(UsageReport.since(text, now: 1_000_000) == nil)
    }
}
