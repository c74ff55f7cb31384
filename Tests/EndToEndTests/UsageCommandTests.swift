import Foundation
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `podchat usage` in the real binary over saved conversations with known totals, priced with
/// the config's `price_per_second`.
@Suite(.serialized) struct UsageCommandTests {
    /// A home holding the fixture conversations and, when given, a config with a price.
    private func home(price: String?) throws -> String {
        let home = try Executables.temporaryDirectory()
        let store = FileConversationStore.standard(environment: ["XDG_DATA_HOME": home])
        for record in UsageFixtures.records { try store.save(record) }
        if let price {
            try FileManager.default.createDirectory(atPath: home + "/podchat", withIntermediateDirectories: true)
            try #"{"price_per_second": \#(price)}"#.write(toFile: home + "/podchat/config.json", atomically: true, encoding: .utf8)
        }
        return home
    }

    private func usage(_ arguments: [String], home: String) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(
            [Executables.podchat, "usage"] + arguments, environment: Executables.isolatedEnvironment(configHome: home))
    }

    @Test func sumsTheSavedConversationsAsJSON() async throws {
        let outcome = try await usage(["--json"], home: try home(price: "0.00031"))
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let report = try #require(JSONValue(parsing: outcome.standardOutput))
        let total = try #require(report["total"])
        #expect(total["replies"] == .number(5) && total["prompt_tokens"] == .number(42) && total["completion_tokens"] == .number(74))
        #expect(total["queue_ms"] == .number(1_800) && total["execution_ms"] == .number(10_000))
        #expect(total["cost"]?.numberValue.map { abs($0 - 0.00279) < 1e-12 } == true)
        let first = try #require(report["rows"]?.arrayValue?.first)
        #expect(first["endpoint"] == "abc123" && first["day"] == "2026-12-01" && first["replies"] == .number(3))
    }

    @Test func theTableSaysHowItPricedAndSinceNarrowsIt() async throws {
        let home = try home(price: "0.00031")
        let all = try await usage([], home: home)
        #expect(all.status == 0)
        #expect(all.standardOutput.contains("abc123    2026-12-01        3      30          60    1.5s   9.0s  $0.0028"), "\(all.standardOutput)")
        #expect(all.standardOutput.contains("conversation files keep no price"))
        let later = try await usage(["--since", "2026-12-02", "--json"], home: home)
        #expect(JSONValue(parsing: later.standardOutput)?["total"]?["replies"] == .number(2))
    }

    @Test func withoutAPriceThereIsNoCostAndABadSinceIsRefused() async throws {
        let home = try home(price: nil)
        let unpriced = try await usage(["--json"], home: home)
        let report = try #require(JSONValue(parsing: unpriced.standardOutput))
        #expect(report["price_per_second"] == .null && report["total"]?["cost"] == nil)
        let refused = try await usage(["--since", "last week"], home: home)
        #expect(refused.status != 0 && refused.standardError.contains("--since must be like 7d"))
    }

    @Test func aBadPriceNamesTheFileAndTheKey() async throws {
        let home = try home(price: "\"cheap\"")
        let outcome = try await usage([], home: home)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("config.json: \"price_per_second\" must be dollars per GPU-second"), "\(outcome.standardError)")
    }
}
