import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct MouseTests {
    /// The screen row where the panel draws `name`.
    private func row(of name: String, in app: AppHarness) -> Int? {
        app.screen.lines.firstIndex { $0.contains("│ \(name) ") || $0.contains("│›\(name) ") }
    }

    @Test func clickingAPanelRowSelectsThatField() throws {
        var app = AppHarness(size: Size(width: 100, height: 40))
        let y = try #require(row(of: "min_p", in: app))
        app.send(.mouse(MouseEvent(.press, at: Point(x: 80, y: y))))
        #expect(app.state.window.focus == .panel)
        #expect(app.state.panel.selectedField.name == "min_p")
    }

    @Test func clickingAHeadingSelectsNothingNew() throws {
        var app = AppHarness(size: Size(width: 100, height: 40))
        let y = try #require(app.screen.lines.firstIndex { $0.contains("│ penalties ") })
        app.send(.mouse(MouseEvent(.press, at: Point(x: 80, y: y))))
        #expect(app.state.panel.selectedField.name == "temperature")
    }

    @Test func clicksMapThroughAScrolledPanel() throws {
        var app = AppHarness(size: Size(width: 100, height: 24))
        app.press(.tab)
        for _ in 0..<22 { app.press(.down) }
        let target = "n"
        let y = try #require(row(of: target, in: app))
        app.send(.mouse(MouseEvent(.press, at: Point(x: 75, y: y))))
        #expect(app.state.panel.selectedField.name == target)
    }

    @Test func theWheelScrollsTheTranscriptUnderIt() throws {
        var app = AppHarness(size: Size(width: 80, height: 16))
        try app.exchange("q", reply: (1...40).map { "line \($0)" }.joined(separator: "\n"))
        app.send(.mouse(MouseEvent(.wheelUp, at: Point(x: 5, y: 3))))
        guard case .anchored = app.state.viewport.scroll else { Issue.record("wheel did not scroll"); return }
        app.send(.mouse(MouseEvent(.wheelDown, at: Point(x: 5, y: 3))))
        #expect(app.state.viewport.scroll == .following)
    }

    @Test func clickingTheInputOrTranscriptFocusesIt() {
        var app = AppHarness(size: Size(width: 80, height: 20))
        app.send(.mouse(MouseEvent(.press, at: Point(x: 5, y: 2))))
        #expect(app.state.window.focus == .transcript)
        app.send(.mouse(MouseEvent(.press, at: Point(x: 5, y: 18))))
        #expect(app.state.window.focus == .input)
    }
}
