import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// How branches look: the ‹ n/m › marker beside an author, and the transcript's cursor.
@Suite struct BranchSnapshotTests {
    @Test func aRegeneratedReplyShowsItsPlaceAndTheCursorMarksAMessage() throws {
        var app = AppHarness(size: Size(width: 80, height: 16))
        try app.exchange("Name a colour", reply: "Red, like a fire engine.")
        let id = try app.submit("/regen")
        app.receive([.delta(choice: 0, text: "Blue."), .finished(.completed)], for: id)
        try app.exchange("Why?", reply: "It is calm.")
        app.press(.tab)
        app.press(.tab)
        for _ in 0..<3 { app.press(.character("k")) }
        expectSnapshot(of: app.screen, named: "branches-cursor")
    }
}
