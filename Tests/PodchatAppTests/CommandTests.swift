import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct CommandTests {
    @Test func setChangesTheNextRequestAndIsNotSentAsAMessage() throws {
        var app = AppHarness()
        app.type("/set top_p 0.5")
        #expect(app.press(.enter).isEmpty)
        #expect(app.state.conversation.entries.isEmpty)
        #expect(app.state.composer.input.text.isEmpty)
        #expect(app.state.conversation.parameters.number(of: .topP) == 0.5)
        #expect(try app.sendMessage("Hi").parameters.number(of: .topP) == 0.5)
    }

    @Test func anInvalidValueIsRefusedWithTheReasonAndKeptForFixing() {
        var app = AppHarness()
        app.type("/set top_p 7")
        #expect(app.press(.enter).isEmpty)
        #expect(app.state.window.notice?.text == "top_p must be a number in 0.01…1.00 (got 7)")
        #expect(app.state.window.notice?.isError == true)
        #expect(app.state.composer.input.text == "/set top_p 7")
        #expect(!app.state.conversation.parameters.isSet(.topP))
    }

    @Test(arguments: [
        ("/set warmth 2", "Unknown parameter warmth (Tab completes names)"),
        ("/set temperature", "Usage: /set temperature VALUE (model unsets it: not sent)"),
        ("/reset warmth", "Unknown parameter warmth (Tab completes names)"),
        ("/frobnicate", "Unknown command /frobnicate (F1 or /help lists them)"),
        ("/set mode poem", "mode must be chat or prompt (got poem)"),
        ("/preset save ../x", "A preset name is letters, digits, '-', '_' or '.' (got ../x)"),
    ])
    func mistakesAreExplained(line: String, message: String) {
        var app = AppHarness()
        app.type(line)
        #expect(app.press(.enter).isEmpty)
        #expect(app.state.window.notice?.text == message)
        #expect(app.state.conversation.entries.isEmpty)
    }

    @Test func settingsAndNoneWorkToo() {
        var app = AppHarness()
        for line in ["/set stream off", "/set seed 42", "/set system_prompt Be terse.", "/set max_tokens none"] {
            app.type(line)
            app.press(.enter)
        }
        #expect(!app.state.conversation.settings.stream)
        #expect(app.state.conversation.parameters.value(of: .seed) == 42)
        #expect(app.state.conversation.settings.systemPrompt == "Be terse.")
        #expect(!app.state.conversation.parameters.isSet(.maxTokens))
    }

    @Test func resetOneOrAll() {
        var app = AppHarness()
        for line in ["/set top_p 0.5", "/set temperature 0.2", "/reset top_p"] {
            app.type(line)
            app.press(.enter)
        }
        #expect(!app.state.conversation.parameters.isSet(.topP))
        #expect(app.state.conversation.parameters.isSet(.temperature))
        app.type("/reset")
        app.press(.enter)
        #expect(app.state.conversation.parameters == SamplingParameters())
    }

    @Test func tabCompletesNamesAfterSetAndReset() {
        var app = AppHarness()
        app.type("/set tem")
        app.press(.tab)
        #expect(app.state.composer.input.text == "/set temperature ")
        #expect(app.state.window.focus == .input)
        app.press(.control("u"))
        app.type("/reset min")
        app.press(.tab)
        #expect(app.state.composer.input.text == "/reset min_")
        #expect(app.state.window.notice?.text == "min_p min_tokens min_batch_size")
        app.press(.control("u"))
        app.type("/set zz")
        app.press(.tab)
        #expect(app.state.window.notice?.text == "No parameter starts with zz")
        app.press(.control("u"))
        app.type("hello")
        app.press(.tab)
        #expect(app.state.window.focus == .panel)
    }

    @Test func presetsAreEffectsAndTheirResultsEvents() throws {
        var app = AppHarness()
        app.type("/set temperature 0.2")
        app.press(.enter)
        app.type("/preset save calm")
        #expect(app.press(.enter) == [.preset(.save(name: "calm", values: ["temperature": 0.2, "max_tokens": 1024]))])
        app.type("/preset load calm")
        #expect(app.press(.enter) == [.preset(.load(name: "calm"))])
        app.type("/preset list")
        #expect(app.press(.enter) == [.preset(.list)])
        app.send(.preset(.loaded(name: "calm", values: ["top_p": 0.9])))
        #expect(app.state.conversation.parameters.setValues == ["top_p": 0.9])
        #expect(app.state.window.notice?.text == "Loaded preset calm: top_p 0.90")
        app.send(.preset(.loaded(name: "hot", values: ["temperature": 9])))
        #expect(app.state.window.notice?.text == "Preset hot was not loaded: temperature must be a number in 0.00…2.00 (got 9)")
        #expect(app.state.conversation.parameters.setValues == ["top_p": 0.9])
        app.send(.preset(.failed(name: "gone", message: "no preset file /x/gone.json")))
        #expect(app.state.window.notice?.text == "Preset gone: no preset file /x/gone.json")
        app.send(.preset(.listed(["a", "b"])))
        #expect(app.state.window.notice?.text == "Presets: a, b")
    }
}
