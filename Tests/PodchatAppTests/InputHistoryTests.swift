import PodchatApp
import Testing

@Suite struct InputHistoryTests {
    @Test func upGoesBackDownComesForwardToTheDraft() {
        var history = InputHistory(messages: ["one", "two"])
        #expect(history.older(than: "draft") == "two")
        #expect(history.older(than: "two") == "one")
        #expect(history.older(than: "one") == nil)
        #expect(history.newer() == "two")
        #expect(history.newer() == "draft")
        #expect(history.newer() == nil)
    }

    @Test func recordingEndsBrowsingAndSkipsRepeats() {
        var history = InputHistory()
        history.record("a")
        history.record("a")
        #expect(history.messages == ["a"])
        #expect(history.older(than: "") == "a")
        history.record("b")
        #expect(history.position == nil)
        #expect(history.older(than: "") == "b")
    }
}
