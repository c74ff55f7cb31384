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
        #expect(drawn.row(1, matches: screen("a中e\u{301}")))  // the same character, composed differently
        #expect(!drawn.row(1, matches: screen("a中è")))
        #expect(!drawn.row(1, matches: screen("a中é", style: .dim)))
        var withoutContinuation = drawn
        withoutContinuation[2, 1] = Cell(" ", style: .normal)
        #expect(!drawn.row(1, matches: withoutContinuation))
        #expect(!drawn.row(1, matches: screen("a中é", width: 7)))
        #expect(!drawn.row(2, matches: drawn))
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
