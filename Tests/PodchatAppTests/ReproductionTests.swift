import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The footer's check of a reply against its siblings sent the same parameters and seed: ⚠
/// when one gave a different text, ✓ when each gave the same, nothing when none compares.
@Suite struct ReproductionTests {
    private static func answer(_ app: inout AppHarness, with text: String, reason: FinishReason = .completed) throws {
        let id = try #require(app.lastStartedRequest).id
        app.receive([.delta(choice: 0, text: text), .finished(reason)], for: id)
    }

    private static func shows(_ text: String, _ app: AppHarness) -> Bool {
        app.screen.lines.contains { $0.contains(text) }
    }

    @Test func aRerunThatGaveAnotherTextIsFlaggedOnBothSiblings() throws {
        var app = AppHarness()
        app.command("/set seed 5")
        try app.exchange("Hi", reply: "Hello.")
        app.command("/rerun")
        try Self.answer(&app, with: "Hi there.")
        #expect(app.state.conversation.reproduction(at: 1) == .differed([BranchPosition(number: 1, count: 2)]))
        #expect(Self.shows("⚠ same seed and parameters as ‹1/2›", app))
        app.press(.tab)
        app.press(.tab)
        app.press(.character("["))
        #expect(app.state.conversation.entries[1].text == "Hello.")
        #expect(app.state.conversation.reproduction(at: 1) == .differed([BranchPosition(number: 2, count: 2)]))
    }

    @Test func aRerunWithTheSameTextSaysItReproduced() throws {
        var app = AppHarness()
        app.command("/set seed 5")
        try app.exchange("Hi", reply: "Hello.")
        app.command("/rerun")
        try Self.answer(&app, with: "Hello.")
        #expect(app.state.conversation.reproduction(at: 1) == .reproduced([BranchPosition(number: 1, count: 2)]))
        #expect(Self.shows("✓ reproduced ‹1/2›", app))
        #expect(!Self.shows("⚠", app))
    }

    @Test func oneDifferingSiblingAmongSeveralIsNamed() throws {
        var app = AppHarness()
        app.command("/set seed 5")
        try app.exchange("Hi", reply: "Hello.")
        app.command("/rerun")
        try Self.answer(&app, with: "Hey.")
        app.command("/rerun")
        try Self.answer(&app, with: "Hello.")
        #expect(app.state.conversation.reproduction(at: 1) == .differed([BranchPosition(number: 2, count: 3)]))
    }

    @Test func siblingsWithAnotherSeedOrNoSeedOrNotFinishedAreNotCompared() throws {
        var app = AppHarness()
        app.command("/set seed each")
        try app.exchange("Hi", reply: "Hello.")
        app.command("/regen")
        try Self.answer(&app, with: "Hey.")
        #expect(app.state.conversation.reproduction(at: 1) == nil, "each turn: another seed")
        app.command("/set seed server")
        try app.exchange("More", reply: "Yes.")
        app.command("/regen")
        try Self.answer(&app, with: "No.")
        #expect(app.state.conversation.reproduction(at: 3) == nil, "no seed sent: nothing to reproduce")
        app.command("/set seed 3")
        try app.exchange("Last", reply: "Done.")
        app.command("/rerun")
        #expect(app.state.conversation.reproduction(at: 5) == nil, "still streaming")
        app.press(.escape)
        #expect(app.state.conversation.reproduction(at: 5) == nil, "cancelled")
        #expect(!Self.shows("⚠", app) && !Self.shows("✓", app))
    }
}
