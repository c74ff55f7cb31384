import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

extension AppHarness {
    /// Presses `key` `count` times.
    mutating func press(_ key: Key, times count: Int) {
        for _ in 0..<count { press(key) }
    }

    /// Tab to the panel, then from its top Down until `name` is selected.
    mutating func selectInPanel(_ name: String) {
        while state.window.focus != .panel { press(.tab) }
        press(.home)
        while state.panel.selectedField.name != name, state.panel.selection < PanelField.all.count - 1 { press(.down) }
    }

    /// Sends `text` and returns the request it started.
    mutating func sendMessage(_ text: String) throws -> CompletionRequest {
        while state.window.focus != .input { press(.tab) }
        type(text)
        press(.enter)
        return try #require(lastStartedRequest).request
    }
}

@Suite struct PanelStateTests {
    @Test func tabCyclesInputPanelTranscriptAndSkipsAHiddenPanel() {
        var app = AppHarness()
        #expect(app.state.window.focus == .input)
        app.press(.tab)
        #expect(app.state.window.focus == .panel)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
        app.press(.tab)
        #expect(app.state.window.focus == .input)
        app.press(.backTab)
        #expect(app.state.window.focus == .transcript)
        app.press(.function(2))
        app.press(.tab)
        #expect(app.state.window.focus == .input)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
    }

    @Test func thePanelLosesTheFocusWhenTheTerminalGetsNarrow() {
        var app = AppHarness()
        app.press(.tab)
        app.send(.resized(Size(width: 60, height: 20)))
        #expect(app.state.window.focus == .input)
    }

    @Test func arrowsSelectAndAdjustByTheStepAndTheNextRequestUsesIt() throws {
        var app = AppHarness()
        app.selectInPanel("temperature")
        app.press(.left, times: 2)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.9)
        app.press(.shiftLeft)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.4)
        app.press(.pageUp)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.9)
        app.press(.pageDown)
        app.press(.down)
        app.press(.right)
        #expect(app.state.conversation.parameters.number(of: .topP) == 1)
        app.press(.left)
        let request = try app.sendMessage("Hi")
        #expect(request.parameters.number(of: .temperature) == 0.4)
        #expect(request.parameters.number(of: .topP) == 0.99)
    }

    @Test func aReplyAlreadyStreamingKeepsItsParameters() throws {
        var app = AppHarness()
        let request = try app.sendMessage("Hi")
        app.selectInPanel("temperature")
        app.press(.right)
        #expect(app.state.conversation.entries.last?.parameters == request.parameters)
        #expect(request.parameters.number(of: .temperature) == nil)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 1.05)
        #expect(app.state.reply.active != nil)
    }

    @Test func booleansToggleWithEnterSpaceAndArrows() {
        var app = AppHarness()
        app.selectInPanel("ignore_eos")
        app.press(.enter)
        #expect(app.state.conversation.parameters.value(of: .ignoreEOS) == true)
        app.press(.character(" "))
        #expect(app.state.conversation.parameters.value(of: .ignoreEOS) == false)
        app.press(.right)
        #expect(app.state.conversation.parameters.value(of: .ignoreEOS) == true)
        #expect(app.state.panel.editing == nil)
    }

    @Test func enterEditsTheValueCheckedOnEveryKeystroke() {
        var app = AppHarness()
        app.selectInPanel("top_p")
        app.press(.enter)
        #expect(app.state.panel.editing?.editor.text == "", "unset: nothing to edit")
        app.type("7")
        #expect(app.state.editProblem == "top_p must be a number in 0.01…1.00 (got 7)")
        app.press(.enter)
        #expect(app.state.panel.editing != nil)
        #expect(app.state.window.notice?.isError == true)
        #expect(!app.state.conversation.parameters.isSet(.topP))
        app.press(.backspace)
        app.type("0.5")
        #expect(app.state.editProblem == nil)
        app.press(.enter)
        #expect(app.state.panel.editing == nil)
        #expect(app.state.conversation.parameters.number(of: .topP) == 0.5)
    }

    @Test func escapeAbortsAnEdit() {
        var app = AppHarness()
        app.selectInPanel("stop")
        app.press(.enter)
        app.type("END")
        app.press(.escape)
        #expect(app.state.panel.editing == nil)
        #expect(!app.state.conversation.parameters.isSet(.stop))
        #expect(app.state.window.focus == .panel)
    }

    @Test func uAndSetModelUnsetAParameterAndTheRowSaysModel() {
        var app = AppHarness()
        app.selectInPanel("temperature")
        #expect(app.state.conversation.values.displayValue(of: .parameter(.temperature)) == "model")
        #expect(app.state.conversation.values.isUnset(.parameter(.temperature)))
        app.press(.right)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 1.05)
        #expect(!app.state.conversation.values.isUnset(.parameter(.temperature)))
        app.press(.character("u"))
        #expect(!app.state.conversation.parameters.isSet(.temperature))
        #expect(app.state.window.notice?.text == "temperature unset: not sent, the model decides")
        app.press(.escape)
        app.type("/set temperature 1")
        app.press(.enter)
        #expect(app.state.conversation.parameters.value(of: .temperature) == 1)
        app.type("/set temperature model")
        app.press(.enter)
        #expect(!app.state.conversation.parameters.isSet(.temperature))
        #expect(app.state.conversation.values.displayValue(of: .parameter(.maxBatchSize)) == "worker")
    }

    @Test func anEmptyEditSendsNothing() {
        var app = AppHarness()
        app.selectInPanel("max_tokens")
        app.press(.enter)
        app.press(.control("u"))
        app.press(.enter)
        #expect(!app.state.conversation.parameters.isSet(.maxTokens))
    }

    @Test func rResetsTheSelectedFieldToTheStartingValueAndRResetsAll() {
        var app = AppHarness(parameters: SamplingParameters(overrides: ["temperature": 0.3]))
        app.selectInPanel("temperature")
        app.press(.right, times: 3)
        app.press(.down)
        app.press(.left)
        app.press(.character("r"))
        #expect(app.state.conversation.parameters.number(of: .topP) == nil, "back to unset, as it started")
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.45)
        app.press(.character("R"))
        #expect(app.state.conversation.parameters == SamplingParameters(overrides: ["temperature": 0.3]))
    }

    @Test func requestSettingsReachTheRequest() throws {
        var app = AppHarness()
        app.selectInPanel("stream")
        app.press(.enter)
        app.selectInPanel("mode")
        app.press(.right)
        app.press(.down)
        app.press(.character(" "))
        app.selectInPanel("input_format")
        app.press(.enter)
        app.selectInPanel("max_batch_size")
        app.press(.right)
        let request = try app.sendMessage("Hi")
        #expect(!request.stream)
        #expect(request.mode == .prompt)
        #expect(request.applyChatTemplate)
        #expect(request.inputFormat == .openai)
        #expect(request.batching == ["max_batch_size": 1])
    }

    @Test func theSystemPromptIsEditedInTheInputBoxWithNewlines() throws {
        var app = AppHarness()
        app.type("draft")
        app.selectInPanel("system_prompt")
        app.press(.enter)
        app.type("Be brief.")
        app.press(.control("j"))
        app.type("Use French.")
        app.press(.enter)
        #expect(app.state.conversation.settings.systemPrompt == "Be brief.\nUse French.")
        #expect(app.state.composer.input.text == "draft")
        let request = try app.sendMessage("!")
        #expect(request.messages.first == Message(role: .system, content: "Be brief.\nUse French."))
    }

    @Test func legacyParametersAreNotSentUntilSet() throws {
        var app = AppHarness()
        #expect(try app.sendMessage("Hi").parameters.wireValues.map(\.name) == ["max_tokens"])
    }
}
