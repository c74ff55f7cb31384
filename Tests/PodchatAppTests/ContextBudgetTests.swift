import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// Fitting a request into the model's context before the server refuses it.
@Suite struct ContextBudgetTests {
    private static func message(_ role: Role, tokens: Int) -> Message {
        // 4 characters a token, minus the 4 a message's template is counted for.
        Message(role: role, content: String(repeating: "a", count: max(0, tokens - 4) * 4))
    }

    private static let conversation: [Message] = [
        message(.system, tokens: 100), message(.user, tokens: 1000), message(.assistant, tokens: 2000),
        message(.user, tokens: 1000), message(.assistant, tokens: 2000), message(.user, tokens: 500),
    ]

    @Test func estimatesFourCharactersATokenAndFourAMessage() {
        let budget = ContextBudget(contextLength: 8192)
        #expect(budget.tokens([Message(role: .user, content: "")]) == 4)
        #expect(budget.tokens([Message(role: .user, content: "abcd")]) == 5)
        #expect(budget.tokens([Message(role: .user, content: "abcde")]) == 6)
        #expect(budget.tokens(Self.conversation) == 6600)
    }

    @Test func calibrationFollowsTheServersCount() {
        let messages = [Self.message(.user, tokens: 1000)]
        let calibration = ContextBudget.calibration(messages: messages, reportedTokens: 1500)
        #expect(calibration == 1.5)
        #expect(ContextBudget(contextLength: 8192, calibration: calibration).tokens(messages) == 1500)
        #expect(ContextBudget(contextLength: 8192, calibration: 100).calibration == 4, "a wild usage figure is bounded")
    }

    @Test(
        arguments: [
            // (context, max_tokens, left out, lowered max_tokens)
            (16_384, 1024, 0, nil as Int?),
            (8192, 1024, 0, nil),
            (7624, 1024, 0, nil),
            (7623, 1024, 0, 1023),
            (7000, 1024, 0, 400),
            (6700, 1024, 1, 1024),
            (6700, 100, 0, nil),
            (6660, 100, 1, 1024),
            (4000, 4096, 2, 400),
            (700, 4096, 4, 100),
        ] as [(Int, Int, Int, Int?)])
    func aRequestGivesUpMaxTokensFirstThenTheOldestTurns(context: Int, maxTokens: Int, leftOut: Int, lowered: Int?) {
        let plan = ContextBudget(contextLength: context).plan(for: Self.conversation, maxTokens: maxTokens)
        if leftOut == 0 && lowered == nil {
            #expect(plan == nil)
            return
        }
        #expect(plan?.leftOut == leftOut, "context \(context)")
        #expect(plan?.maxTokens == lowered.flatMap { $0 < maxTokens ? $0 : nil }, "context \(context)")
    }

    @Test func theSystemPromptAndTheNewestMessageAreAlwaysKept() {
        let budget = ContextBudget(contextLength: 50)
        let plan = budget.plan(for: Self.conversation, maxTokens: 1024)
        #expect(plan?.leftOut == 4)
        let kept = ContextBudget.kept(Self.conversation, leavingOut: 4)
        #expect(kept.map(\.role) == [.system, .user])
        #expect(kept.last == Self.conversation.last)
        #expect(plan?.maxTokens == 1)
    }

    @Test func anUnsetMaxTokensIsLeftToTheServerUnlessThePromptCrowdsIt() {
        let budget = ContextBudget(contextLength: 6900)
        #expect(budget.plan(for: Self.conversation, maxTokens: nil) == nil)
        let crowded = ContextBudget(contextLength: 6800).plan(for: Self.conversation, maxTokens: nil)
        #expect(crowded?.leftOut == 1)
        #expect(crowded?.maxTokens == nil)
    }

    // MARK: - In the chat window

    @Test func theAppAsksForTheModelOnceAfterTheFirstReply() throws {
        var app = AppHarness()
        try app.exchange("hi", reply: "hello")
        #expect(app.effects.filter { $0 == .endpoint(.fetchModelInfo) }.count == 1)
        try app.exchange("again", reply: "hello")
        #expect(app.effects.filter { $0 == .endpoint(.fetchModelInfo) }.count == 1)
    }

    @Test func aKnownContextLowersMaxTokensWithANotice() throws {
        var app = AppHarness(size: Size(width: 140, height: 24))
        try app.exchange("hi", reply: "hello")
        app.send(.endpoint(.modelInfoReported(ModelInfo(id: "m", maxModelLength: 400))))
        let request = try app.sendMessage(String(repeating: "word ", count: 40))
        #expect(request.parameters.number(of: .maxTokens) == 335)
        #expect(app.state.window.notice?.text.hasPrefix("To fit the model's 400-token context: max_tokens 335 for this reply") == true)
        #expect(app.state.conversation.parameters.number(of: .maxTokens) == 1024, "the panel's value stays; only this request changes")
    }

    @Test func aRefusalThatNamesTheContextTeachesIt() throws {
        var app = AppHarness()
        let id = try app.submit("hi")
        let failure = CompletionFailure(
            "The conversation does not fit", contextOverflow: ContextOverflow(contextLength: 4096, promptTokens: 5000))
        app.send(.reply(id, .failed(failure)))
        #expect(app.state.reply.contextLength == 4096)
    }

    @Test func theStatusBarShowsHowFullTheContextIs() throws {
        var app = AppHarness(size: Size(width: 160, height: 24))
        let id = try app.submit("hi")
        app.receive([.delta(choice: 0, text: "hello"), .usage(Usage(promptTokens: 1100, completionTokens: 134)), .finished(.completed)], for: id)
        app.send(.endpoint(.modelInfoReported(ModelInfo(id: "m", maxModelLength: 8192))))
        app.advance(toSeconds: 30)
        #expect(app.screen.lines.last?.contains("context 1.2k/8.2k") == true)
    }
}
