import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct MarkdownRendererTests {
    init() { TestLocale.useUTF8() }

    private func rows(_ text: String, width: Int = 40) -> [String] {
        MarkdownRenderer.lines(of: text, width: width).map(\.plainText)
    }

    private func styles(_ text: String, width: Int = 40) -> [[String]] {
        MarkdownRenderer.lines(of: text, width: width).map { line in line.map { "\($0.style.rawValue):\($0.text)" } }
    }

    @Test(arguments: [
        ("# Title", ["Title"]),
        ("### Third level ###", ["Third level"]),
        ("#hashtag is text", ["#hashtag is text"]),
        ("- one\n- two", ["• one", "• two"]),
        ("* star\n+ plus", ["• star", "• plus"]),
        ("1. first\n2) second", ["1. first", "2) second"]),
        ("- top\n  - nested", ["• top", "  ◦ nested"]),
        ("> quoted words", ["▎ quoted words"]),
        ("---", ["────────────────────────────────────────"]),
        ("a\n\nb", ["a", "", "b"]),
        ("line one\nline two", ["line one", "line two"]),
        ("2 * 3 * 4", ["2 * 3 * 4"]),
        ("snake_case_name stays", ["snake_case_name stays"]),
        ("**bold** and *italic*", ["bold and italic"]),
        ("__bold__ and _italic_", ["bold and italic"]),
        ("use `let x = 1` here", ["use let x = 1 here"]),
        ("``code with ` tick``", ["code with ` tick"]),
        ("an *unclosed marker", ["an *unclosed marker"]),
        ("\\*not italic\\*", ["*not italic*"]),
        ("[docs](https://x.io/a)", ["docs (https://x.io/a)"]),
        ("[https://x.io](https://x.io)", ["https://x.io"]),
        ("[not a link] (x)", ["[not a link] (x)"]),
    ])
    func rendersBlocksAndInlineMarkup(text: String, expected: [String]) {
        #expect(rows(text) == expected)
    }

    @Test func fencedCodeIsFramedNumberedAndLabelled() {
        let text = "Here:\n```swift\nlet x = 1\n    indented()\n```\nAfter."
        #expect(rows(text) == ["Here:", "┌─ code 1 · swift", "│ let x = 1", "│     indented()", "└─", "After."])
    }

    @Test func codeIsNeverReflowedOnlyCutAtTheEdge() {
        let text = "```\nfunc aVeryLongName(parameter: Int) -> Int\n```"
        #expect(rows(text, width: 20) == ["┌─ code 1", "│ func aVeryLongName", "┆ (parameter: Int) -", "┆ > Int", "└─"])
    }

    @Test func markdownInsideCodeStaysLiteral() {
        #expect(rows("```\n# not a heading\n**not bold**\n```") == ["┌─ code 1", "│ # not a heading", "│ **not bold**", "└─"])
    }

    @Test func anUnclosedFenceIsCodeUntilTheEnd() {
        #expect(rows("```python\nprint(1)") == ["┌─ code 1 · python", "│ print(1)"])
    }

    @Test func anEmptyCodeBlockIsItsFrameAlone() {
        #expect(rows("```\n```\nafter") == ["┌─ code 1", "└─", "after"])
        #expect(MarkdownRenderer.codeBlocks(in: "```\n```").map(\.text) == [""])
    }

    @Test func codeBlocksAreNumberedInOrder() {
        let text = "```a\n1\n```\ntext\n~~~b\n2\n~~~"
        let blocks = MarkdownRenderer.codeBlocks(in: text)
        #expect(blocks.map(\.number) == [1, 2])
        #expect(blocks.map(\.language) == ["a", "b"])
        #expect(blocks.map(\.text) == ["1", "2"])
    }

    @Test func tabsInCodeExpandToColumns() {
        #expect(rows("```\n\tx\nab\ty\n```") == ["┌─ code 1", "│     x", "│ ab  y", "└─"])
    }

    @Test func listItemsWrapUnderTheirText() {
        #expect(rows("- a list item that wraps around", width: 16) == ["• a list item", "  that wraps", "  around"])
    }

    @Test func quotesKeepTheirBarOnEveryRow() {
        #expect(rows("> a long quotation that wraps", width: 16) == ["▎ a long", "▎ quotation that", "▎ wraps"])
    }

    @Test func stylesFollowTheMarkup() {
        #expect(
            styles("**b** *i* `c` [l](u)") == [
                [
                    "strong:b", "messageText: ", "emphasis:i", "messageText: ", "inlineCode:c", "messageText: ", "link:l", "dim: (u)",
                ]
            ])
        #expect(styles("# H") == [["heading:H"]])
        #expect(styles("- x") == [["listMarker:• ", "messageText:x"]])
    }

    @Test func styledTextWrapsWithItsStyles() {
        #expect(styles("plain **bold words here**", width: 12) == [["messageText:plain ", "strong:bold"], ["strong:words here"]])
    }

    @Test func wideCharactersWrapInsideMarkdown() {
        #expect(rows("- 日本語のテキストです", width: 10) == ["• 日本語の", "  テキスト", "  です"])
    }

    @Test func aVeryNarrowWidthFallsBackToPlainWrapping() {
        #expect(rows("# Hi there", width: 4) == ["# Hi", "ther", "e"])
    }

    @Test func crlfLineEndsAreLineBreaks() {
        #expect(rows("one\r\ntwo") == ["one", "two"])
    }

    /// A reply streamed a few code points at a time (so `\r` and `\n` may come apart) and laid
    /// out going on from its last layout has, after every delta, the rows of its whole text.
    @Test(arguments: [1, 2, 5, 13])
    func layingOutAGrowingTextGivesTheRowsOfTheWholeText(step: Int) {
        let reply = """
            Intro **bold
            still** text\r
            \r
            - item one
              continued under it
            - item two

            ```swift
            let x = 1

            ```
            After the code, a long line that wraps around the edge more than once.
            # Heading
            > quote
            1. first
            日本語のテキスト and more
            ~~~
            open to the end
            """
        let scalars = Array(reply.unicodeScalars)
        var progress = MarkdownProgress()
        var text = ""
        for start in stride(from: 0, to: scalars.count, by: step) {
            text.unicodeScalars.append(contentsOf: scalars[start..<min(start + step, scalars.count)])
            let grown = MarkdownRenderer.lines(of: text, width: 24, base: .messageText, continuing: &progress)
            #expect(grown == MarkdownRenderer.lines(of: text, width: 24), "after \(text.unicodeScalars.count) code points")
        }
    }

    @Test func aTextThatDoesNotContinueTheLastIsLaidOutAfresh() {
        var progress = MarkdownProgress()
        _ = MarkdownRenderer.lines(of: "```\ncode\n```\nfirst\n", width: 30, base: .messageText, continuing: &progress)
        #expect(
            MarkdownRenderer.lines(of: "replaced\n- item\n", width: 30, base: .messageText, continuing: &progress)
                == MarkdownRenderer.lines(of: "replaced\n- item\n", width: 30))
        #expect(
            MarkdownRenderer.lines(of: "replaced\n- item\nmore", width: 12, base: .messageText, continuing: &progress)
                == MarkdownRenderer.lines(of: "replaced\n- item\nmore", width: 12))
        #expect(
            MarkdownRenderer.lines(of: "replaced\n- item\nmore", width: 12, base: .quote, continuing: &progress)
                == MarkdownRenderer.lines(of: "replaced\n- item\nmore", width: 12, base: .quote))
    }

    /// Long lines streamed a token at a time (words, spaces, every inline marker, tabs, wide
    /// and combining characters), laid out going on from the last layout, have after every
    /// token the rows of their whole text: the settled start of a growing line never differs
    /// from laying the line out afresh.
    @Test(arguments: 0..<40)
    func aLongLineGrowingATokenAtATimeGivesTheRowsOfTheWholeLine(iteration: Int) {
        let tokens = [
            "word", " ", " ", "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "\\", "a_b", "2 * 3", "\t", "日本",
            "e\u{301}", "\u{301}", "https://x.y", "snake_case", "***", "- ", "# ", "> ", "1. ", "#", "---", "```", "\n",
        ]
        var random = FuzzRandom(seed: 17_000 + UInt64(iteration))
        let width = random.int(6...30)
        var progress = MarkdownProgress()
        var text = ""
        for number in 0..<random.int(20...120) {
            text += random.chance(0.6) ? random.pick(["Hello", "the", " ", " model", " says", ","]) : random.pick(tokens)
            let grown = MarkdownRenderer.lines(of: text, width: width, base: .messageText, continuing: &progress)
            #expect(
                grown == MarkdownRenderer.lines(of: text, width: width),
                "iteration \(iteration), token \(number), width \(width): \(text.debugDescription)")
        }
    }
}
