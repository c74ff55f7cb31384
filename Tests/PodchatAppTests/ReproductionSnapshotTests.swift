import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// How a reply's footer shows its seed and warns when a re-run with the same seed and
/// parameters gave another text.
@Suite struct ReproductionSnapshotTests {
    @Test func aRerunThatGaveAnotherTextWarnsInItsFooter() throws {
        var app = AppHarness(size: Size(width: 80, height: 16))
        app.type("/set seed 1234")
        app.press(.enter)
        try app.exchange("Name a colour", reply: "Red, like a fire engine.")
        let id = try app.submit("/rerun")
        app.receive([.delta(choice: 0, text: "Blue."), .finished(.completed)], for: id)
        expectSnapshot(of: app.screen, named: "rerun-differs")
    }
}
