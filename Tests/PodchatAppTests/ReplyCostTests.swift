import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// A reply's execution time and cost in its footer, the conversation's total in the status
/// bar, and the execution time kept in the saved record.
@Suite struct ReplyCostTests {
    private static let price = GPUPrice(dollarsPerSecond: 0.00031)

    /// One question answered, the job reporting `execution` (none: the OpenAI route).
    private func answered(_ app: inout AppHarness, _ question: String, execution: Duration?, at seconds: Double) throws {
        let id = try app.submit(question)
        app.receive([.queued(jobID: "job-\(question)"), .started, .delta(choice: 0, text: "Answer.")], for: id)
        app.receive([.usage(Usage(promptTokens: 9, completionTokens: 12))], for: id)
        app.advance(toSeconds: seconds)
        app.receive((execution.map { [CompletionEvent.executionTime($0)] } ?? []) + [.finished(.completed)], for: id)
    }

    /// The screen's rows as one string, the footer's no-break spaces read as spaces.
    private func text(_ app: AppHarness) -> String {
        String(app.screen.lines.joined(separator: "\n").map { $0 == "\u{A0}" ? " " : $0 })
    }

    @Test func theFooterShowsTheExecutionTimeAndItsCost() throws {
        var app = AppHarness(size: Size(width: 120, height: 12), price: Self.price)
        try answered(&app, "first", execution: .milliseconds(2400), at: 3)
        expectSnapshot(of: app.screen, named: "reply-cost")
        #expect(text(app).contains("ran 2.4s · $0.00074"))
        #expect(app.state.conversation.record.messages.last?.reply?.executionMilliseconds == 2400)
    }

    @Test func theStatusBarShowsTheTotalOfEveryReply() throws {
        var app = AppHarness(size: Size(width: 120, height: 20), price: Self.price)
        try answered(&app, "first", execution: .milliseconds(2400), at: 3)
        try answered(&app, "second", execution: .milliseconds(10_000), at: 14)
        // 12.4 s at $0.00031 a second.
        #expect(app.state.conversationCost.map { abs($0 - 0.003844) < 1e-9 } == true)
        #expect(text(app).contains("spent $0.0038"))
    }

    @Test func withoutAPriceTheTimeShowsButNoCost() throws {
        var app = AppHarness(size: Size(width: 100, height: 12))
        try answered(&app, "first", execution: .milliseconds(2400), at: 3)
        #expect(text(app).contains("ran 2.4s"))
        #expect(!text(app).contains("$"))
        #expect(app.state.conversationCost == nil)
    }

    @Test func aReplyWithoutAnExecutionTimeShowsNoCost() throws {
        var app = AppHarness(size: Size(width: 100, height: 12), price: Self.price)
        try answered(&app, "first", execution: nil, at: 3)
        #expect(!text(app).contains("ran "))
        #expect(!text(app).contains("$"))
        #expect(app.state.conversationCost == nil)
        #expect(app.state.conversation.record.messages.last?.reply?.executionMilliseconds == nil)
    }
}
