import ArgumentParser
import Foundation
import PodchatCore
import PodchatStorage

/// `podchat usage` (named apart from the token counts' ``PodchatCore/Usage``): what the saved
/// conversations' replies used, per endpoint and day.
struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage",
        abstract: "Sum replies, tokens, queue time, execution time and cost per endpoint and day (UTC).",
        discussion: """
            Every reply of every branch of the saved conversations counts. Queue time (podchat's own \
            measure, not billed) is kept apart from execution time (Runpod's executionTime, which is \
            billed). Rows are per the endpoint that wrote each reply. Conversation files keep no price: \
            cost is execution time × the current config's price_per_second, a named endpoint's own \
            (by name or endpoint id), else the top-level one; none for demo (the built-in simulator). \
            Files that cannot be read are named on standard error.
            """
    )

    @Option(help: ArgumentHelp("Only replies since then: 7d, 24h, or a day such as 2026-12-01 (UTC).", valueName: "when"))
    var since: String?

    @Flag(
        help: """
            Print JSON instead: price_per_second, prices_per_second, note, rows (endpoint, day, replies, prompt_tokens, \
            completion_tokens, queue_ms, execution_ms, cost), total, podchat.
            """)
    var json = false

    @Option(name: .long, help: ArgumentHelp("The config file to read the price from.", valueName: "file"))
    var config: String?

    func validate() throws {
        if let since, UsageReport.since(since, now: 0) == nil {
            throw ValidationError("--since must be like 7d, 24h or 2026-12-01 (got \(since))")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let file = try CommandFailure.reporting { try EndpointOptions.loadConfig(explicit: config, environment: environment).config }
        let pricing = UsagePricing(config: file)
        let store = Conversations.store
        let listing = store.list()
        var records: [ConversationRecord] = []
        for summary in listing.conversations {
            do throws(ConversationStoreError) {
                records.append(try store.load(id: summary.id))
            } catch {
                StandardError.write("podchat: skipped \(error)")
            }
        }
        for file in listing.unreadable { StandardError.write("podchat: skipped \(file)") }
        let start = since.flatMap { UsageReport.since($0, now: Date().timeIntervalSince1970) }
        let report = UsageReport(records: records, since: start)
        if json {
            StandardOutput.write(json: report.json(pricing: pricing))
        } else {
            StandardOutput.write(report.table(pricing: pricing))
        }
    }
}
