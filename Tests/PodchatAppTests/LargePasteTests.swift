import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// A megabyte pasted into the input is kept whole, drawn, and still editable.
@Suite struct LargePasteTests {
    @Test func aMegabytePasteLandsWholeAndDraws() {
        var app = AppHarness()
        let line = String(repeating: "x", count: 99) + "\n"
        let paste = String(repeating: line, count: 10_486)
        app.send(.pasted(paste))
        #expect(app.state.composer.input.characters.count == paste.count)
        #expect(app.state.conversation.entries.isEmpty)
        // The box shows the end of the paste, where the caret is, on its six rows.
        let rows = app.screen.lines.filter { $0.contains("xxxx") }
        #expect(rows.count == 5)
        app.type("!")
        #expect(app.state.composer.input.text.hasSuffix("\n!"))
    }
}
