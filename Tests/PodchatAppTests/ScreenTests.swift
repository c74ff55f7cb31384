import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct ScreenTests {
    init() { TestLocale.useUTF8() }

    @Test func writesTextAndReportsColumnsUsed() {
        var screen = Screen(size: Size(width: 10, height: 1))
        let used = screen.write("héllo", at: Point(x: 1, y: 0), width: 9, style: .messageText)
        #expect(used == 5)
        #expect(screen.lines == [" héllo    "])
    }

    @Test func replacesAWideGlyphThatWouldCrossTheEdgeWithASpace() {
        var screen = Screen(size: Size(width: 5, height: 1))
        screen.write("ab中文", at: Point(x: 0, y: 0), width: 5, style: .normal)
        #expect(screen.lines == ["ab中 "])
        #expect(screen[3, 0].isContinuation)
    }

    @Test func clipsToTheGivenWidth() {
        var screen = Screen(size: Size(width: 8, height: 1))
        screen.write("abcdefgh", at: Point(x: 2, y: 0), width: 3, style: .normal)
        #expect(screen.lines == ["  abc   "])
    }

    @Test func aRowMatchesOnlyTheSameCharactersInTheSameStyles() {
        func screen(_ text: String, style: Style = .normal, width: Int = 6) -> Screen {
            var screen = Screen(size: Size(width: width, height: 2))
            screen.write(text, at: Point(x: 0, y: 1), width: width, style: style)
            return screen
        }
        let drawn = screen("a中é")
        #expect(drawn.row(0, matches: screen("other")))
        #expect(drawn.row(1, matches: screen("a中é")))
        // The same character composed differently is kept as another code: drawn again, not missed.
        #expect(!drawn.row(1, matches: screen("a中e\u{301}")))
        #expect(!drawn.row(1, matches: screen("a中è")))
        #expect(!drawn.row(1, matches: screen("a中é", style: .dim)))
        var withoutContinuation = drawn
        withoutContinuation[2, 1] = Cell(" ", style: .normal)
        #expect(!drawn.row(1, matches: withoutContinuation))
        #expect(!drawn.row(1, matches: screen("a中é", width: 7)))
        #expect(!drawn.row(2, matches: drawn))
    }

    @Test func changedColumnsSpanFromTheFirstDifferenceToTheLastAndStartAtAWholeGlyph() {
        func screen(_ text: String) -> Screen {
            var screen = Screen(size: Size(width: 8, height: 2))
            screen.write(text, at: Point(x: 0, y: 1), width: 8, style: .normal)
            return screen
        }
        let drawn = screen("ab中cdef")
        #expect(drawn.changedColumns(ofRow: 0, from: screen("xy")) == nil)
        #expect(drawn.changedColumns(ofRow: 1, from: screen("ab中cdef")) == nil)
        #expect(drawn.changedColumns(ofRow: 1, from: screen("ab中cdeX")) == 7..<8)
        #expect(drawn.changedColumns(ofRow: 1, from: screen("aX中cdXf")) == 1..<7)
        #expect(drawn.changedColumns(ofRow: 1, from: screen("ab中ydef")) == 4..<5)
        // Only the wide glyph's right half differs: drawing starts at the glyph.
        var halfCovered = drawn
        halfCovered[3, 1] = Cell(" ", style: .normal)
        #expect(drawn.changedColumns(ofRow: 1, from: halfCovered) == 2..<4)
        #expect(drawn.changedColumns(ofRow: 1, from: Screen(size: Size(width: 9, height: 2))) == 0..<8)
    }

    /// Text that mixes code points `write` takes one at a time (ASCII, Latin-1, punctuation,
    /// box drawing, symbols) with what needs Unicode's segmentation: accents that join the letter
    /// before them, joiners, wide glyphs, emoji sequences, flags, Hangul jamo, prepended marks,
    /// controls and CR LF.
    @Test(arguments: 0..<200) func writesMixedTextAsCharacterByCharacterWould(seed: Int) {
        let pieces = [
            "a", "Z", " ", "~", "{", "e\u{301}", "\u{301}", "中", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\u{1B}", "\r\n", "\t", "é", "❤️", "1\u{FE0F}\u{20E3}", "\u{7F}",
            "\u{202E}", "─", "│", "“", "”", "·", "…", "\u{20E3}", "©", "™", "\u{202A}", "\u{2066}", "\u{2028}", "\u{AD}", "\u{200D}",
            "ʼ", "\u{1100}", "\u{1161}", "\u{600}", "\u{1F1E6}",
        ]
        var random = FuzzRandom(seed: UInt64(seed))
        // Pieces come in runs of one to three, as a rule repeats one glyph (which `write` puts
        // once and then copies).
        let text = (0..<random.int(0...16)).map { _ in String(repeating: random.pick(pieces), count: random.int(1...3)) }.joined()
        let width = random.int(1...30)
        var written = Screen(size: Size(width: 32, height: 1))
        let used = written.write(text, at: Point(x: 1, y: 0), width: width, style: .messageText)
        var expected = Screen(size: Size(width: 32, height: 1))
        var x = 1
        for character in text {
            let glyph = TerminalText.drawable(character)
            let columns = DisplayWidth.of(glyph)
            if columns == 0 { continue }
            if x + columns > 1 + width {
                if x < 1 + width { expected[x, 0] = .blank(.messageText); x += 1 }
                break
            }
            expected[x, 0] = Cell(glyph, style: .messageText)
            if columns == 2 { expected[x + 1, 0] = Cell(" ", style: .messageText, isContinuation: true) }
            x += columns
        }
        #expect(written == expected, "\(text.debugDescription) in \(width)")
        #expect(used == x - 1)
    }

    @Test func neverDrawsControlCharacters() {
        var screen = Screen(size: Size(width: 20, height: 1))
        screen.write("a\u{1B}[2Jb\u{9B}c\u{7}", at: Point(x: 0, y: 0), width: 20, style: .messageText)
        #expect(screen.lines == ["a␛[2Jb�c␇           "])
    }

    @Test func dropsBidiOverrides() {
        var screen = Screen(size: Size(width: 6, height: 1))
        screen.write("a\u{202E}bc", at: Point(x: 0, y: 0), width: 6, style: .normal)
        #expect(screen.lines == ["a�bc  "])
    }

    @Test func ignoresWritesOutsideTheScreen() {
        var screen = Screen(size: Size(width: 3, height: 1))
        #expect(screen.write("abc", at: Point(x: 0, y: 5), width: 3, style: .normal) == 0)
        #expect(screen.lines == ["   "])
    }

    @Test func listsStyleChanges() {
        var screen = Screen(size: Size(width: 4, height: 1))
        screen.write("ab", at: Point(x: 0, y: 0), width: 2, style: .userLabel)
        #expect(screen.styleChanges == ["(0,0) userLabel", "(2,0) normal"])
    }
}
