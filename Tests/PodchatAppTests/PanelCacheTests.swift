import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The panel's kept cells give the frame that formatting it afresh gives, whatever changed
/// between frames: the cache is an optimization, never a different picture.
@Suite struct PanelCacheTests {
    /// The frame with the kept cells equals the frame drawn afresh, cursor included.
    private func expectSameFrame(_ app: AppHarness, _ cache: PanelCache, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(AppView.render(app.state, panelCache: cache) == AppView.render(app.state), "after \(step)", sourceLocation: sourceLocation)
    }

    @Test func selectionFocusAndValuesRedrawThePanel() {
        var app = AppHarness()
        let cache = PanelCache()
        expectSameFrame(app, cache, "the first frame")
        expectSameFrame(app, cache, "an unchanged frame")
        app.press(.tab)
        expectSameFrame(app, cache, "focusing the panel")
        app.press(.down, times: 3)
        expectSameFrame(app, cache, "moving the selection")
        app.press(.end)
        expectSameFrame(app, cache, "scrolling the list to its end")
        app.selectInPanel("temperature")
        app.press(.right)
        expectSameFrame(app, cache, "changing a value")
        app.press(.character("r"))
        expectSameFrame(app, cache, "resetting it")
        app.press(.tab)
        expectSameFrame(app, cache, "leaving the panel")
    }

    @Test func anEditItsProblemAndItsCaretRedrawThePanel() {
        var app = AppHarness()
        let cache = PanelCache()
        app.selectInPanel("temperature")
        expectSameFrame(app, cache, "selecting")
        app.press(.enter)
        expectSameFrame(app, cache, "starting an edit")
        app.type("x")
        expectSameFrame(app, cache, "typing text that is not a value")
        app.press(.backspace)
        app.type("0.3")
        expectSameFrame(app, cache, "typing a value")
        app.press(.left)
        expectSameFrame(app, cache, "moving the caret")
        app.press(.enter)
        expectSameFrame(app, cache, "setting it")
        app.selectInPanel("system_prompt")
        app.press(.enter)
        app.type("Be brief")
        expectSameFrame(app, cache, "editing the system prompt in the input box")
        app.press(.escape)
        expectSameFrame(app, cache, "cancelling")
    }

    @Test func resizingAndHidingRedrawThePanel() {
        var app = AppHarness()
        let cache = PanelCache()
        expectSameFrame(app, cache, "the first frame")
        app.send(.resized(Size(width: 100, height: 18)))
        expectSameFrame(app, cache, "a shorter window without the detail area")
        app.send(.resized(Size(width: 130, height: 45)))
        expectSameFrame(app, cache, "a larger window")
        app.press(.function(2))
        expectSameFrame(app, cache, "hiding the panel")
        app.press(.function(2))
        expectSameFrame(app, cache, "showing it again")
        app.send(.resized(Size(width: 60, height: 20)))
        expectSameFrame(app, cache, "a window too narrow for it")
        app.send(.resized(Size(width: 120, height: 40)))
        expectSameFrame(app, cache, "back to a wide window")
    }

    @Test func aStreamingReplyKeepsThePanelAsDrawnAfresh() throws {
        var app = AppHarness()
        let cache = PanelCache()
        let transcript = TranscriptCache()
        app.selectInPanel("top_p")
        let id = try app.sendMessageID("Hi")
        app.press(.tab)
        for word in ["Some ", "words ", "as ", "they ", "come\n"] {
            app.receive([.delta(choice: 0, text: word)], for: id)
            #expect(AppView.render(app.state, cache: transcript, panelCache: cache) == AppView.render(app.state), "after \(word.debugDescription)")
        }
        app.receive([.finished(.completed)], for: id)
        expectSameFrame(app, cache, "the reply finishing")
    }
}

extension AppHarness {
    /// Sends `text` from the input box and returns the id of the request it started.
    fileprivate mutating func sendMessageID(_ text: String) throws -> RequestID {
        _ = try sendMessage(text)
        return try #require(lastStartedRequest).id
    }
}
