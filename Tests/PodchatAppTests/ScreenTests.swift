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

@Suite struct ScreenLayoutTests {
    @Test(arguments: [
        // (width, height, input rows, panel shown?, transcript width, transcript height)
        (80, 24, 1, true, 50, 21),
        (120, 40, 1, true, 90, 37),
        (69, 24, 1, false, 69, 21),
        (70, 24, 1, true, 40, 21),
        (80, 24, 3, true, 50, 19),
        (80, 24, 20, true, 50, 16),
        (20, 6, 1, false, 20, 3),
        (20, 6, 5, false, 20, 2),
    ])
    func placesEveryPart(width: Int, height: Int, inputRows: Int, panelShown: Bool, transcriptWidth: Int, transcriptHeight: Int) throws {
        let layout = try #require(ScreenLayout(size: Size(width: width, height: height), inputRows: inputRows, showsPanel: true))
        #expect((layout.panel != nil) == panelShown)
        #expect(layout.transcript.width == transcriptWidth)
        #expect(layout.transcript.height == transcriptHeight)
        #expect(layout.statusBar == Rect(x: 0, y: height - 1, width: width, height: 1))
        #expect(layout.input.maxY == layout.statusBar.y)
        #expect(layout.inputDivider.maxY == layout.input.y)
        #expect(layout.transcript.maxY == layout.inputDivider.y)
        if let panel = layout.panel { #expect(panel.maxX == width && panel.x == layout.transcript.maxX) }
    }

    @Test func hidesThePanelWhenAsked() throws {
        let layout = try #require(ScreenLayout(size: Size(width: 100, height: 30), inputRows: 1, showsPanel: false))
        #expect(layout.panel == nil)
        #expect(layout.transcript.width == 100)
    }

    @Test(arguments: [(19, 24), (80, 5), (0, 0)])
    func refusesTerminalsThatAreTooSmall(width: Int, height: Int) {
        #expect(ScreenLayout(size: Size(width: width, height: height), inputRows: 1, showsPanel: true) == nil)
    }
}
