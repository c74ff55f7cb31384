import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `podchat usage`'s sums over saved conversations with known totals.
@Suite struct UsageReportTests {
    private static let price = GPUPrice(dollarsPerSecond: 0.00031)

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
        #expect(UsageReport.cost(of: report.rows[0], at: nil) == nil)
        let json = JSONValue.object(report.json(price: Self.price))
        // 9 s on abc123 is priced; the demo's second is not.
        #expect(json["total"]?["cost"]?.numberValue.map { abs($0 - 0.00279) < 1e-12 } == true)
        #expect(json["total"]?["execution_ms"] == .number(10_000))
        #expect(json["rows"]?.arrayValue?.count == 3)
        #expect(json["rows"]?.arrayValue?[2]["cost"] == nil)
        #expect(json["price_per_second"] == .number(0.00031))
        #expect(json["note"]?.stringValue?.contains("conversation files keep no price") == true)
    }

    @Test func theTableAlignsTheRowsAndSaysHowItPriced() {
        let table = UsageReport(records: UsageFixtures.records, since: nil).table(price: Self.price)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("ENDPOINT  DAY         REPLIES  PROMPT  COMPLETION  QUEUED    RAN     COST"))
        #expect(lines[1] == "abc123    2026-12-01        3      30          60    1.5s   9.0s  $0.0028")
        #expect(lines[3].hasPrefix("demo") && lines[3].hasSuffix("  -"))
        #expect(lines[4].hasPrefix("total") && lines[4].hasSuffix("$0.0028"))
        #expect(lines[5].contains("price_per_second ($0.00031/s)"))
        #expect(UsageReport(records: UsageFixtures.records, since: nil).table(price: nil).contains("No price_per_second"))
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
