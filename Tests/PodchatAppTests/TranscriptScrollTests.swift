import Foundation
import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct TranscriptScrollTests {
    /// A conversation of `turns` finished exchanges, each reply `replyLines` numbered lines.
    private func conversation(turns: Int, replyLines: Int = 3, size: Size = Size(width: 80, height: 24)) throws -> AppHarness {
        var app = AppHarness(size: size)
        for turn in 1...turns {
            try app.exchange("question \(turn)", reply: (1...replyLines).map { "answer \(turn) line \($0)" }.joined(separator: "\n"))
        }
        return app
    }

    private func transcriptText(_ app: AppHarness) -> String {
        app.screen.lines.joined(separator: "\n")
    }

    @Test func followsTheNewestTextByDefault() throws {
        let app = try conversation(turns: 8)
        #expect(app.state.viewport.scroll == .following)
        #expect(transcriptText(app).contains("answer 8 line 3"))
        #expect(!transcriptText(app).contains("↓"))
    }

    @Test func pageUpHoldsThePositionAndShowsTheMarker() throws {
        var app = try conversation(turns: 8)
        app.press(.pageUp)
        guard case .anchored = app.state.viewport.scroll else { Issue.record("not anchored: \(app.state.viewport.scroll)"); return }
        let text = transcriptText(app)
        #expect(!text.contains("answer 8 line 3"))
        #expect(text.contains("↓ more below · PgDn"))
    }

    @Test func textArrivingWhileScrolledUpMovesNothingAndSaysSo() throws {
        var app = try conversation(turns: 8)
        let id = try app.submit("one more")
        app.press(.pageUp)
        let before = app.screen.lines.dropLast(4)
        app.receive([.delta(choice: 0, text: "streaming words\nand more lines\nand more")], for: id)
        #expect(app.state.viewport.hasUnseenText)
        #expect(Array(app.screen.lines.dropLast(4)).dropLast() == Array(before).dropLast())
        #expect(transcriptText(app).contains("↓ new text below · PgDn"))
    }

    @Test func pageDownToTheEndFollowsAgain() throws {
        var app = try conversation(turns: 8)
        app.press(.pageUp)
        app.press(.pageUp)
        app.press(.pageDown)
        app.press(.pageDown)
        app.press(.pageDown)
        #expect(app.state.viewport.scroll == .following)
        #expect(!app.state.viewport.hasUnseenText)
        #expect(transcriptText(app).contains("answer 8 line 3"))
    }

    @Test func scrollingStopsAtTheTop() throws {
        var app = try conversation(turns: 8)
        for _ in 0..<20 { app.press(.pageUp) }
        #expect(app.state.viewport.scroll == .anchored(entry: 0, row: 0))
        #expect(app.screen.lines[0].hasPrefix("You"))
        app.press(.pageDown)
        guard case .anchored(let entry, _) = app.state.viewport.scroll else { Issue.record("followed too early"); return }
        #expect(entry > 0)
    }

    @Test func aShortConversationDoesNotScroll() throws {
        var app = try conversation(turns: 1)
        app.press(.pageUp)
        #expect(app.state.viewport.scroll == .following)
    }

    @Test func transcriptFocusScrollsByLinesAndHomeEndJump() throws {
        var app = try conversation(turns: 8)
        app.press(.tab)
        app.press(.tab)
        app.press(.up)
        #expect(app.state.viewport.scroll != .following)
        app.press(.home)
        #expect(app.state.viewport.scroll == .anchored(entry: 0, row: 0))
        app.press(.end)
        #expect(app.state.viewport.scroll == .following)
    }

    @Test func sendingFollowsTheNewMessage() throws {
        var app = try conversation(turns: 8)
        app.press(.pageUp)
        app.type("again")
        app.press(.enter)
        #expect(app.state.viewport.scroll == .following)
        #expect(transcriptText(app).contains("again"))
    }

    /// Up from the bottom then down again by one row at a time passes every row exactly once.
    @Test func lineByLineScrollingIsReversible() throws {
        var app = try conversation(turns: 6)
        app.press(.tab)
        app.press(.tab)
        var screens: [[String]] = [app.screen.lines]
        for _ in 0..<12 {
            app.press(.up)
            screens.append(app.screen.lines)
        }
        for step in (0..<12).reversed() {
            app.press(.down)
            #expect(Array(app.screen.lines.prefix(10)) == Array(screens[step].prefix(10)), "step \(step)")
        }
        #expect(app.state.viewport.scroll == .following)
    }

    @Test func theCacheGivesTheSameScreenAsLayingOutAfresh() throws {
        var app = try conversation(turns: 5)
        let cache = TranscriptCache()
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        let id = try app.submit("more")
        for word in ["Some ", "**bold** ", "text\n", "```swift\n", "let x = 1\n", "```\n", "- a list\n", "  going on\r", "\nend"] {
            app.receive([.delta(choice: 0, text: word)], for: id)
            #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        }
        app.send(.resized(Size(width: 50, height: 20)))
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        app.receive([.replaced(choice: 0, text: "Recovered\nwhole text\n"), .delta(choice: 0, text: "and more")], for: id)
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        app.receive([.finished(.completed)], for: id)
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
        app.press(.pageUp)
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
    }

    /// Whatever the scroll position, the screen shows exactly the rows the whole transcript has
    /// there (the whole transcript drawn in a terminal tall enough to hold it).
    @Test func everyScrollPositionShowsTheRowsOfTheWholeTranscript() throws {
        let width = 60
        let conversation = storedConversation(
            id: "c1", title: "Long", updatedAt: 0,
            messages: (1...40).map { "message \($0): " + String(repeating: "word ", count: $0 % 9 * 7) })
        func loaded(height: Int, scrolledUp rows: Int = 0) -> AppHarness {
            var app = AppHarness(size: Size(width: width, height: height))
            app.send(.store(.loaded(conversation)))
            app.press(.tab)
            for _ in 0..<rows { app.press(.up) }
            return app
        }
        let tall = 2_000
        let tallRows = try #require(ScreenLayout(size: Size(width: width, height: tall), inputRows: 1, showsPanel: false)).transcript.height
        let whole = Array(loaded(height: tall).screen.lines.prefix(tallRows))
        let total = try #require(whole.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) + 1
        #expect(whole[0].hasPrefix("You"))
        let height = 16
        let rows = try #require(ScreenLayout(size: Size(width: width, height: height), inputRows: 1, showsPanel: false)).transcript.height
        for scrolled in [0, 1, 2, 5, 13, 40, 77, total / 2, total - rows - 1, total - rows, total + 50] {
            let shown = loaded(height: height, scrolledUp: scrolled).screen.lines
            let end = max(rows, total - scrolled)
            #expect(Array(shown[0..<rows - 1]) == Array(whole[end - rows..<end - 1]), "scrolled up \(scrolled) rows")
            #expect(shown[rows - 1].contains("↓ more below") == (scrolled > 0))
        }
    }
}
