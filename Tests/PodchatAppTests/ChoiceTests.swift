import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct ChoiceTests {
    /// A reply with two choices, finished.
    private func twoChoices() throws -> AppHarness {
        var app = AppHarness()
        app.type("/set n 2")
        app.press(.enter)
        _ = try app.sendMessage("Name a colour")
        let id = try #require(app.lastStartedRequest).id
        app.receive(
            [.delta(choice: 0, text: "Red"), .delta(choice: 1, text: "Blue"), .delta(choice: 0, text: "dish"), .finished(.completed)], for: id)
        return app
    }

    @Test func eachChoiceIsKeptAndTheFirstContinuesTheConversation() throws {
        var app = try twoChoices()
        #expect(app.state.conversation.entries.last?.choices == ["Reddish", "Blue"])
        let request = try app.sendMessage("Why?")
        #expect(request.messages.map(\.content) == ["Name a colour", "Reddish", "Why?"])
    }

    @Test func bracketsInTheTranscriptPickTheChoiceThatIsSent() throws {
        var app = try twoChoices()
        app.press(.backTab)
        #expect(app.state.window.focus == .transcript)
        app.press(.character("]"))
        #expect(app.state.conversation.entries.last?.chosenChoice == 1)
        app.press(.character("]"))
        app.press(.character("["))
        let request = try app.sendMessage("Why?")
        #expect(request.messages.map(\.content) == ["Name a colour", "Blue", "Why?"])
    }

    @Test func chooseByNumber() throws {
        var app = try twoChoices()
        app.type("/choose 2")
        app.press(.enter)
        #expect(app.state.conversation.entries.last?.text == "Blue")
        app.type("/choose 3")
        app.press(.enter)
        #expect(app.state.window.notice?.text == "No choice 3: the last reply has 2")
    }
}
