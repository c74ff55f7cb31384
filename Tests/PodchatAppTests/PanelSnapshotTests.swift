import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The panel and focus as drawn, in snapshot files beside this one.
@Suite struct PanelSnapshotTests {
    @Test func focusedPanelWithTheSelectionAndItsDetail() {
        var app = AppHarness()
        app.selectInPanel("max_tokens")
        expectSnapshot(of: app.screen, named: "panel-focused")
    }

    @Test func theSeedRowEachTurnAndTheHelpForItsStates() {
        var app = AppHarness()
        app.selectInPanel("seed")
        app.press(.character(" "))
        expectSnapshot(of: app.screen, named: "panel-seed-each-turn")
    }

    @Test func adjustedValuesAreHighlighted() {
        var app = AppHarness()
        app.selectInPanel("temperature")
        app.press(.left, times: 2)
        app.press(.down)
        app.press(.shiftLeft)
        expectSnapshot(of: app.screen, named: "panel-adjusted")
    }

    @Test func anEditInProgress() {
        var app = AppHarness()
        app.selectInPanel("top_p")
        app.press(.enter)
        app.press(.backspace)
        app.type("0.9")
        expectSnapshot(of: app.screen, named: "panel-editing")
    }

    @Test func anInvalidValueShowsTheReason() {
        var app = AppHarness()
        app.selectInPanel("top_p")
        app.press(.enter)
        app.press(.backspace)
        app.type("7")
        app.press(.enter)
        expectSnapshot(of: app.screen, named: "panel-invalid")
    }

    @Test func theListScrollsToTheLegacyGroup() {
        var app = AppHarness()
        app.selectInPanel("use_beam_search")
        expectSnapshot(of: app.screen, named: "panel-scrolled")
    }

    @Test func theTranscriptFocusIsNamedOnTheDivider() {
        var app = AppHarness()
        app.press(.backTab)
        expectSnapshot(of: app.screen, named: "focus-transcript")
    }

    @Test func narrowTerminalTabSkipsTheHiddenPanel() {
        var app = AppHarness(size: Size(width: 60, height: 12))
        app.press(.tab)
        expectSnapshot(of: app.screen, named: "panel-narrow")
    }

    @Test func setAndResetCommands() {
        var app = AppHarness()
        app.type("/set temperature 0.2")
        app.press(.enter)
        app.type("/set top_p 7")
        app.press(.enter)
        expectSnapshot(of: app.screen, named: "set-command-refused")
        app.press(.control("u"))
        app.type("/reset temperature")
        app.press(.enter)
        expectSnapshot(of: app.screen, named: "reset-command")
    }

    @Test func aReplyWithTwoChoicesAndItsParameters() throws {
        var app = AppHarness()
        app.type("/set n 2")
        app.press(.enter)
        app.type("/set temperature 0.2")
        app.press(.enter)
        _ = try app.sendMessage("Name a colour")
        let id = try #require(app.lastStartedRequest).id
        app.receive([.delta(choice: 0, text: "Red, like a fire engine."), .delta(choice: 1, text: "Blue.")], for: id)
        app.receive([.usage(Usage(promptTokens: 4, completionTokens: 9)), .finished(.completed)], for: id)
        app.press(.backTab)
        app.press(.character("]"))
        expectSnapshot(of: app.screen, named: "choices")
    }
}
