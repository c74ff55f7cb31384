import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// A reasoning model's reply: thinking streams dim above the answer, folds to one line once
/// the answer starts, unfolds on F4 / `t` / `/thinking`, is saved and exported, and is never
/// sent back to the model.
@Suite struct ReasoningReplyTests {
    private static let thinking = "The user greets me. A short, friendly answer fits; no need for detail."

    /// A question whose reply thinks for 4.2 s, then answers.
    private func thinkingReply(answer: String? = "Hello! How can I help?", size: Size = Size(width: 80, height: 20)) throws
        -> (app: AppHarness, id: RequestID)
    {
        var app = AppHarness(size: size)
        let id = try app.submit("hi")
        app.receive([.queued(jobID: "job-9"), .started, .generation(.proxy)], for: id)
        app.advance(toSeconds: 0.3)
        app.receive([.reasoning(choice: 0, text: "The user greets me. ")], for: id)
        app.advance(toSeconds: 2)
        app.receive([.reasoning(choice: 0, text: "A short, friendly answer fits; no need for detail.")], for: id)
        app.advance(toSeconds: 4.5)
        if let answer { app.receive([.delta(choice: 0, text: answer)], for: id) }
        return (app, id)
    }

    @Test func thinkingStreamsUnderItsHeadingBeforeTheAnswer() throws {
        var (app, id) = try thinkingReply(answer: nil)
        let reply = try #require(app.state.conversation.entries.last)
        #expect(reply.isThinking)
        #expect(reply.reasoning == Self.thinking)
        #expect(reply.text.isEmpty)
        #expect(app.screen.lines.contains { $0.contains("▾ thinking…") })
        #expect(app.screen.lines.contains { $0.contains("thinking 4.5s") }, "the status bar says it is thinking")
        app.receive([.delta(choice: 0, text: "Hi")], for: id)
        #expect(!(app.state.conversation.entries.last?.isThinking ?? true))
        expectSnapshot(of: try thinkingReply(answer: nil).app.screen, named: "thinking-streaming")
    }

    @Test func theFirstPieceOfThinkingIsTheFirstToken() throws {
        let (app, _) = try thinkingReply()
        let reply = try #require(app.state.conversation.entries.last)
        let requested = try #require(reply.requestedAt)
        #expect(try #require(reply.firstTokenAt) - requested == .milliseconds(300))
        #expect(try #require(reply.firstAnswerAt) - requested == .milliseconds(4500))
        #expect(reply.thinkingDuration == .milliseconds(4200))
    }

    @Test func onceTheAnswerStartsTheThinkingFoldsToOneLineThatF4Unfolds() throws {
        var (app, id) = try thinkingReply()
        app.receive([.usage(Usage(promptTokens: 12, completionTokens: 30)), .finished(.completed)], for: id)
        let folded = app.screen.lines.filter { $0.contains("thought for 4.2s") }
        #expect(folded.count == 1)
        #expect(folded.first?.contains("▸") == true)
        #expect(!app.screen.lines.contains { $0.contains("friendly answer") })
        expectSnapshot(of: app.screen, named: "thinking-folded")
        app.press(.function(4))
        #expect(app.state.viewport.showsThinking)
        #expect(app.screen.lines.contains { $0.contains("friendly answer") })
        expectSnapshot(of: app.screen, named: "thinking-unfolded")
        app.type("/thinking")
        app.press(.enter)
        #expect(!app.state.viewport.showsThinking)
    }

    @Test func tInTheTranscriptTogglesTheThinking() throws {
        var (app, id) = try thinkingReply()
        app.receive([.finished(.completed)], for: id)
        app.press(.backTab)
        #expect(app.state.window.focus == .transcript)
        app.press(.character("t"))
        #expect(app.state.viewport.showsThinking)
    }

    @Test func thinkingIsNeverSentBackToTheModel() throws {
        var (app, id) = try thinkingReply()
        app.receive([.finished(.completed)], for: id)
        let next = try app.sendMessage("and then?")
        #expect(next.messages.map(\.content) == ["hi", "Hello! How can I help?", "and then?"])
    }

    @Test func aReplyThatSpentEveryTokenThinkingSaysSo() throws {
        var (app, id) = try thinkingReply(answer: nil)
        app.receive([.finished(.length)], for: id)
        #expect(app.state.conversation.entries.last?.status == .truncated)
        #expect(app.screen.lines.contains { $0.contains("the model used all 1024 tokens thinking: raise") })
        #expect(app.screen.lines.contains { $0.contains("friendly answer") }, "no answer: the thinking stays unfolded")
        expectSnapshot(of: app.screen, named: "thinking-out-of-tokens")
    }

    @Test func thinkingAndLogprobsAreStoredAndComeBack() throws {
        var (app, id) = try thinkingReply()
        let tokens = [TokenLogprob(token: "Hello", logprob: -0.1, alternatives: [.init(token: "Hi", logprob: -2.5)])]
        app.receive([.logprobs(choice: 0, tokens), .finished(.completed)], for: id)
        let record = app.state.conversation.record
        let stored = try #require(record.messages.last)
        #expect(stored.reasoning == Self.thinking)
        #expect(stored.content == "Hello! How can I help?")
        #expect(stored.reply?.thinkingMilliseconds == 4200)
        #expect(stored.reply?.logprobs == [tokens])
        #expect(stored.reply?.workerGeneration == .proxy)
        var restored = AppHarness()
        restored.send(.store(.loaded(record)))
        let entry = try #require(restored.state.conversation.entries.last)
        #expect(entry.reasoning == Self.thinking)
        #expect(entry.logprobs == [tokens])
        #expect(entry.thinkingDuration == .milliseconds(4200))
    }

    @Test func theMarkdownExportFoldsTheThinkingInADetailsBlock() throws {
        var (app, id) = try thinkingReply()
        app.receive([.finished(.completed)], for: id)
        let markdown = app.state.conversation.record.markdown
        #expect(markdown.contains("<details>\n<summary>Thinking (4.2 s)</summary>\n\n\(Self.thinking)\n\n</details>\n\nHello! How can I help?"))
    }

    @Test func aRepairedReplySaysSoInItsFooter() throws {
        var (app, id) = try thinkingReply(size: Size(width: 160, height: 20))
        app.receive([.replaced(choice: 0, text: "Hello! How can I help you today?"), .finished(.completed)], for: id)
        #expect(app.state.conversation.entries.last?.text == "Hello! How can I help you today?")
        let drawn = String(app.screen.lines.joined().map { $0 == "\u{A0}" ? " " : $0 })
        #expect(drawn.contains("repaired from the job's final output"), "footer parts keep their words together with no-break spaces")
        #expect(app.state.conversation.record.messages.last?.reply?.repaired == true)
    }

    @Test func theStatusBarNamesTheWorkerGeneration() throws {
        var (app, id) = try thinkingReply(size: Size(width: 160, height: 20))
        app.receive([.finished(.completed)], for: id)
        app.advance(toSeconds: 30)
        #expect(app.state.reply.workerGeneration == .proxy)
        #expect(app.screen.lines.last?.contains("proxy worker") == true)
    }

    @Test func growingThinkingLaidOutFromTheCacheMatchesALayoutAfresh() throws {
        var app = AppHarness(size: Size(width: 60, height: 40))
        let id = try app.submit("q")
        let cache = TranscriptCache()
        let pieces = [
            "First ", "thought, ", "long enough to wrap across the narrow transcript column.\n", "\n", "Second",
            " paragraph\r\nthird ", "line\twith a tab and a verylongwordthatmustbecutsomewherebecauseitdoesnotfit", "\n",
        ]
        for piece in pieces {
            app.receive([.reasoning(choice: 0, text: piece)], for: id)
            #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state), "after \(piece.debugDescription)")
        }
        app.send(.resized(Size(width: 45, height: 30)))
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        app.receive([.reasoningReplaced(choice: 0, text: "Recovered\nthinking "), .reasoning(choice: 0, text: "goes on")], for: id)
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        app.receive([.delta(choice: 0, text: "Answer"), .finished(.completed)], for: id)
        app.press(.function(4))
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
    }
}
