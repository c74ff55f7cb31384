import PodchatApp
import Testing

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
