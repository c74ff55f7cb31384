import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// How the transcript draws Markdown, raw text, wide and hostile text, a cancelled or
/// truncated reply, a terminal too small and a view scrolled up while text arrives: each a
/// snapshot of the whole window.
@Suite struct TranscriptSnapshotTests {
    private static let markdownReply = """
        # Sorting in Swift

        Use **`sorted(by:)`** for a *new* array, or `sort()` in place:

        ```swift
        let names = ["Zoë", "adam", "Émile"]
        let sorted = names.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        ```

        - stable since Swift 5
        - takes any `Comparable`
          (or a closure)
        1. read [the docs](https://swift.org/sort)
        > Premature optimisation is the root of all evil.
        """

    private func reply(_ text: String, size: Size, status: CompletionEvent? = .finished(.completed)) throws -> AppHarness {
        var app = AppHarness(size: size)
        let id = try app.submit("question")
        app.receive([.queued(jobID: "job-7"), .started], for: id)
        app.advance(toSeconds: 0.8)
        app.receive([.delta(choice: 0, text: text), .usage(Usage(promptTokens: 9, completionTokens: 120))], for: id)
        app.advance(toSeconds: 2)
        if let status { app.receive([status], for: id) }
        return app
    }

    @Test func aLongMarkdownReplyWithACodeBlock() throws {
        let app = try reply(Self.markdownReply, size: Size(width: 100, height: 34))
        expectSnapshot(of: app.screen, named: "markdown-reply")
    }

    @Test func theSameReplyAsRawText() throws {
        var app = try reply(Self.markdownReply, size: Size(width: 100, height: 34))
        app.press(.function(3))
        expectSnapshot(of: app.screen, named: "markdown-raw")
    }

    @Test func cjkAndEmojiWrapAtAnOddWidth() throws {
        let text = "日本語のテキストと English words 混ざった文章です。😀🎉 emoji 👩‍👩‍👧 family, e\u{301}t\u{E9} combining."
        let app = try reply(text, size: Size(width: 33, height: 14))
        expectSnapshot(of: app.screen, named: "cjk-emoji-odd-width")
    }

    @Test func injectedEscapeSequencesAreShownNotObeyed() throws {
        let text =
            "safe\u{1B}[2J\u{1B}[H cleared? \u{1B}]52;c;aGk=\u{7} clip \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ \u{9B}31m red \u{202E}evil\u{202C} \u{1B}P1$q\u{1B}\\ end"
        let app = try reply(text, size: Size(width: 80, height: 14))
        let drawn = app.screen.lines.joined()
        for forbidden in ["\u{1B}", "\u{7}", "\u{9B}", "\u{202E}", "\u{202C}"] { #expect(!drawn.contains(forbidden)) }
        expectSnapshot(of: app.screen, named: "injected-escapes")
    }

    @Test func aCancelledReplyKeepsItsTextAndSaysSo() throws {
        var app = try reply("The partial answer so far", size: Size(width: 80, height: 14), status: nil)
        app.press(.escape)
        expectSnapshot(of: app.screen, named: "cancelled")
    }

    @Test func aTruncatedReplySaysToRaiseMaxTokens() throws {
        let app = try reply("Cut off mid", size: Size(width: 80, height: 14), status: .finished(.length))
        expectSnapshot(of: app.screen, named: "truncated")
    }

    @Test func aTooSmallTerminalShowsOneClearLine() {
        let app = AppHarness(size: Size(width: 19, height: 5))
        expectSnapshot(of: app.screen, named: "too-small")
    }

    @Test func scrolledUpWhileNewTextArrives() throws {
        var app = try reply((1...30).map { "line \($0)" }.joined(separator: "\n"), size: Size(width: 80, height: 16))
        let id = try app.submit("more")
        app.press(.pageUp)
        app.receive([.delta(choice: 0, text: "new words arriving")], for: id)
        expectSnapshot(of: app.screen, named: "scrolled-new-text-below")
    }
}
