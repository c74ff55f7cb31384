/// Keys: looked up in the ``Keymap`` for the area that has them, then routed to the part that
/// performs them. Typing (characters, and the editing keys) goes to whichever text field is open.
extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        if key == .control("c") { return interrupt() }
        window.forgetInterrupt()
        if key == .control("q") { return quit() }
        if window.helpScroll != nil { return handleHelpKey(key) }
        if window.inspector != nil { return Keymap.action(for: [key], in: .inspector).map { perform($0) } ?? [] }
        if browser.isOpen { return handlePickerKey(key) }
        if reply.comparison != nil { return handleComparisonKey(key) }
        if viewport.mapSelection != nil { return handleMapKey(key) }
        if let prefix = window.takePrefix() { return finishPrefixed(prefix, key) }
        if let action = Keymap.action(for: [key], in: .anywhere) { return perform(action) }
        if panel.editing != nil { return handleEditingKey(key) }
        switch window.focus {
        case .input:
            if Keymap.prefixes.contains(key) {
                window.hold(prefix: key)
                show("\(key.label) …", expiresIn: .seconds(3))
                return []
            }
            if let action = Keymap.action(for: [key], in: .input) { return perform(action) }
            composer.handle(key)
            return []
        case .panel: return Keymap.action(for: [key], in: .panel).map { perform($0) } ?? []
        case .transcript: return Keymap.action(for: [key], in: .transcript).map { perform($0) } ?? []
        }
    }

    private mutating func finishPrefixed(_ prefix: Key, _ key: Key) -> [Effect] {
        window.clearNotice()
        if window.focus == .input, panel.editing == nil, let action = Keymap.action(for: [prefix, key], in: .input) { return perform(action) }
        show("\(prefix.label) \(key.label) does nothing (F1 lists the keys)", expiresIn: .seconds(3), isError: true)
        return []
    }

    /// Performs a bound action; the keymap guarantees it fits the area that has the keys.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .window(let action): return perform(action)
        case .input(let action): return perform(action)
        case .edit(let action): composer.apply(action)
        case .transcript(let action): return perform(action)
        case .panel(.compare): return compareFromPanel().effects
        case .panel(let action): performPanelAction(action)
        case .picker(let action): return performPickerAction(action)
        case .compare(let action): return perform(action)
        case .map(let action): return perform(action)
        case .inspector(let action): return perform(action)
        }
        return []
    }

    private mutating func perform(_ action: KeyAction.Window) -> [Effect] {
        switch action {
        case .showHelp: return showHelp()
        case .togglePanel: togglePanel()
        case .toggleRawText: return toggleRawText()
        case .toggleThinking: return toggleThinking()
        case .toggleProbabilities: return toggleProbabilities()
        case .openPicker: return [browser.open()]
        case .openMap: return openMap().effects
        case .openInspector: return openInspector()
        case .nextFocus: cycleFocus(forward: true)
        case .previousFocus: cycleFocus(forward: false)
        case .backToInput: return focusInput()
        case .stopReply:
            if reply.isBusy { return cancelReply() }
            if panel.sideA != nil {
                cancelSideB()
                return []
            }
            if conversation.editing != nil { cancelEdit() }
            return focusInput()
        }
        return []
    }

    private mutating func perform(_ action: KeyAction.Input) -> [Effect] {
        switch action {
        case .send: return composer.input.text.hasPrefix("/") && !composer.input.text.hasPrefix("//") ? runCommand() : send()
        case .insertNewline: composer.insert("\n")
        case .completeOrNextFocus: return completeOrMoveFocus()
        case .olderMessageOrLineUp: composer.olderMessageOrLineUp()
        case .newerMessageOrLineDown: composer.newerMessageOrLineDown()
        case .openEditor: return [.terminal(.editExternally(composer.input.text))]
        }
        return []
    }

    private mutating func perform(_ action: KeyAction.Transcript) -> [Effect] {
        switch action {
        case .scrollUp: scrollUp(1)
        case .scrollDown: scrollDown(1)
        case .pageUp: scrollUp(pageRows)
        case .pageDown: scrollDown(pageRows)
        case .scrollToTop: scrollToTop()
        case .scrollToBottom: viewport.followNewestText()
        case .previousAlternative: return cycleAlternative(by: -1)
        case .nextAlternative: return cycleAlternative(by: 1)
        case .previousMessage: viewport.moveCursor(by: -1, count: conversation.entries.count)
        case .nextMessage: viewport.moveCursor(by: 1, count: conversation.entries.count)
        case .previousToken: moveTokenCursor(by: -1)
        case .nextToken: moveTokenCursor(by: 1)
        case .regenerate: return regenerate().effects
        case .editMessage: return editMessage().effects
        case .startCompare: return compareFromPanel().effects
        case .copyReply: return runCopy([]).effects
        case .copyLastCode: return runCopy(["code"]).effects
        }
        return []
    }

    private mutating func completeOrMoveFocus() -> [Effect] {
        if composer.input.text.hasPrefix("/load ") { return completeConversationName() }
        if composer.input.text.hasPrefix("/endpoint ") {
            completeEndpointName()
            return []
        }
        if !completeCommandName() { cycleFocus(forward: true) }
        return []
    }

    private mutating func togglePanel() {
        panel.toggleShown()
        if !isPanelVisible { leavePanel() }
    }

    /// F3 and `/raw`: replies as laid-out Markdown or as the model wrote them.
    mutating func toggleRawText() -> [Effect] {
        viewport.toggleRawText()
        show(viewport.showsRawText ? "Replies as raw text (F3 for Markdown)" : "Replies as Markdown (F3 for raw text)", expiresIn: .seconds(3))
        return []
    }

    /// F4, `t` in the transcript and `/thinking`: every reply's thinking in full, or folded to
    /// its one summary line once the answer has begun.
    mutating func toggleThinking() -> [Effect] {
        viewport.toggleThinking()
        guard conversation.entries.contains(where: { !$0.reasonings.allSatisfy(\.isEmpty) }) else {
            show("No reply has thought yet: reasoning models' thinking shows here (F4 folds it)", expiresIn: .seconds(4))
            return []
        }
        show(viewport.showsThinking ? "Thinking unfolded (F4 folds it)" : "Thinking folded (F4 unfolds it)", expiresIn: .seconds(3))
        return []
    }

    /// F7 and `/shade`: replies with log probabilities shaded by each token's probability.
    mutating func toggleProbabilities() -> [Effect] {
        viewport.toggleProbabilities()
        guard conversation.entries.contains(where: { !$0.logprobs.allSatisfy(\.isEmpty) }) else {
            show("No reply has log probabilities: set logprobs in the panel (or /set logprobs 5), then F7 shades the replies", expiresIn: .seconds(5))
            return []
        }
        let legend = "plain ≥ 90 %, then 50–90 %, 20–50 %, under 20 %"
        let shaded = "Shaded by probability: \(legend); in the transcript ← → walk the tokens (F7 stops)"
        show(viewport.showsProbabilities ? shaded : "Shading off (F7 shades)", expiresIn: .seconds(6))
        return []
    }

    // MARK: - Paste

    /// A paste goes into the field being typed in as it is; a one-line field gets its lines
    /// joined with spaces. It is never sent by itself.
    mutating func paste(_ text: String) {
        if panel.editing != nil {
            panel.paste(text)
        } else if case .renaming = browser.picker?.mode {
            browser.updatePicker { $0.pasteIntoRename(text) }
        } else if !browser.isOpen {
            window.focus(on: .input)
            composer.insert(text.replacingCarriageReturns)
        }
    }
}
