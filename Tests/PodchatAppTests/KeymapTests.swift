import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct KeymapTests {
    @Test func noKeyIsBoundTwiceInOneContext() {
        var seen: [String: String] = [:]
        for binding in Keymap.bindings {
            let key = "\(binding.context) \(binding.keys.map(\.label))"
            #expect(seen[key] == nil, "\(key) is bound to both \(seen[key] ?? "") and \(binding.summary)")
            seen[key] = binding.summary
        }
    }

    @Test func helpListsEveryBindingAndEveryCommand() {
        let help = HelpText.text(width: 100)
        for binding in Keymap.bindings {
            #expect(help.contains(binding.summary), "help lacks \(binding.summary)")
            for key in binding.keys { #expect(help.contains(key.label), "help lacks \(key.label)") }
        }
        for command in SlashCommand.all { #expect(help.contains(command.usage), "help lacks \(command.usage)") }
    }

    @Test func f1OpensHelpAndAnyOtherKeyClosesIt() {
        var app = AppHarness()
        app.press(.function(1))
        #expect(app.state.window.helpScroll == 0)
        app.press(.down)
        #expect(app.state.window.helpScroll == 1)
        app.press(.character("x"))
        #expect(app.state.window.helpScroll == nil)
        #expect(app.state.composer.input.text.isEmpty)
    }

    @Test func theWheelScrollsHelp() {
        var app = AppHarness(size: Size(width: 90, height: 30))
        app.press(.function(1))
        app.send(.mouse(MouseEvent(.wheelDown, at: Point(x: 10, y: 10))))
        #expect(app.state.window.helpScroll == 3)
        app.send(.mouse(MouseEvent(.wheelUp, at: Point(x: 10, y: 10))))
        #expect(app.state.window.helpScroll == 0)
        app.send(.mouse(MouseEvent(.press, at: Point(x: 10, y: 10))))
        #expect(app.state.window.helpScroll == 0)
    }

    @Test func helpCommandOpensHelp() {
        var app = AppHarness()
        app.type("/help")
        app.press(.enter)
        #expect(app.state.window.helpScroll == 0)
    }

    @Test func helpOverlaySnapshot() {
        var app = AppHarness(size: Size(width: 90, height: 30))
        app.press(.function(1))
        expectSnapshot(of: app.screen, named: "help-overlay")
    }

    @Test func helpScrollsNoFurtherThanItsEnd() {
        var app = AppHarness(size: Size(width: 90, height: 30))
        app.press(.function(1))
        for _ in 0..<100 { app.press(.pageDown) }
        let bottom = app.state.window.helpScroll ?? 0
        #expect(bottom > 0)
        app.press(.down)
        #expect(app.state.window.helpScroll == bottom)
        #expect(app.screen.lines.joined().contains("/quit"))
    }

    @Test func ctrlXThenAnUnboundKeySaysSo() {
        var app = AppHarness()
        app.press(.control("x"))
        #expect(app.state.window.pendingPrefix == .control("x"))
        app.press(.character("z"))
        #expect(app.state.window.pendingPrefix == nil)
        #expect(app.state.window.notice?.text == "Ctrl-X z does nothing (F1 lists the keys)")
        #expect(app.state.composer.input.text.isEmpty)
    }

    @Test func ctrlXCtrlEAsksForTheEditorAndTakesItsText() {
        var app = AppHarness()
        app.type("draft")
        app.press(.control("x"))
        let effects = app.press(.control("e"))
        #expect(effects == [.terminal(.editExternally("draft"))])
        app.send(.externalEdit(.finished("edited\nin vi")))
        #expect(app.state.composer.input.text == "edited\nin vi")
        app.send(.externalEdit(.failed("vi ended with status 1; the message is as it was")))
        #expect(app.state.composer.input.text == "edited\nin vi")
        #expect(app.state.window.notice?.isError == true)
    }
}
