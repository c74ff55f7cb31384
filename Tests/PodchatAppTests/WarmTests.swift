import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// `/warm`: one one-token job at most once a minute, "warming…" until it answers, and nothing
/// added to the conversation.
@Suite struct WarmTests {
    private func warm(_ app: inout AppHarness) -> [Effect] {
        app.type("/warm")
        return app.press(.enter)
    }

    private func statusBar(_ app: AppHarness) -> String {
        app.screen.lines.last ?? ""
    }

    @Test func sendsAOneTokenJobAndSaysWarmingUntilItAnswers() throws {
        var app = AppHarness(size: Size(width: 120, height: 20))
        let effects = warm(&app)
        guard case .endpoint(.warm(let request))? = effects.first, effects.count == 1 else {
            Issue.record("no warm job: \(effects)")
            return
        }
        #expect(request.parameters.number(of: .maxTokens) == 1)
        #expect(request.messages == [Message(role: .user, content: "Hi")])
        #expect(statusBar(app).contains("warming…"))
        #expect(app.state.conversation.entries.isEmpty)
        app.send(.endpoint(.warmed(failure: nil)))
        #expect(!statusBar(app).contains("warming…"))
        #expect(statusBar(app).contains("The endpoint is awake"))
        #expect(app.state.conversation.entries.isEmpty && app.state.conversation.record.messages.isEmpty)
    }

    @Test func sendsAtMostOneJobAMinute() {
        var app = AppHarness(size: Size(width: 120, height: 20))
        _ = warm(&app)
        app.send(.endpoint(.warmed(failure: nil)))
        app.advance(toSeconds: 30)
        #expect(warm(&app).isEmpty)
        #expect(statusBar(app).contains("at most one job a minute: again in 30s"))
        // A refused command stays in the input, to send again.
        app.advance(toSeconds: 60)
        #expect(app.press(.enter).count == 1)
    }

    @Test func aFailedWarmUpSaysWhy() {
        var app = AppHarness(size: Size(width: 120, height: 20))
        _ = warm(&app)
        app.send(.endpoint(.warmed(failure: "HTTP 401: the endpoint rejected the API key")))
        #expect(app.state.window.notice?.isError == true)
        #expect(statusBar(app).contains("Warming failed: HTTP 401"))
        #expect(!app.state.reply.isWarming)
    }

    @Test func aReplyOnItsWayIsWarmingEnough() throws {
        var app = AppHarness(size: Size(width: 120, height: 20))
        app.type("question")
        app.press(.enter)
        #expect(warm(&app).isEmpty)
        #expect(!app.state.reply.isWarming)
    }

    @Test func theHelpStatesWhatItCosts() throws {
        let warm = try #require(SlashCommand.all.first { $0.name == "/warm" })
        #expect(warm.summary.contains("one-token job") && warm.summary.contains("once a minute") && warm.summary.contains("costs"))
    }
}
