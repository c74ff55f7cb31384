/// Keys: looked up in the ``Keymap`` for the area that has them, then performed. Typing
/// (characters, and the editing keys) goes to whichever text field is open.
extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        if key != .control("c") { lastInterruptAt = nil }
        switch key {
        case .control("c"): return interrupt()
        case .control("q"): return quit()
        default: break
        }
        if helpScroll != nil { return handleHelpKey(key) }
        if picker != nil { return handlePickerKey(key) }
        if let prefix = pendingPrefix { return finishPrefixed(prefix, key) }
        if let action = Keymap.action(for: [key], in: .anywhere) { return perform(action) }
        if editing != nil { return handleEditingKey(key) }
        switch focus {
        case .input:
            if Keymap.prefixes.contains(key) {
                pendingPrefix = key
                show("\(key.label) …", expiresIn: .seconds(3))
                return []
            }
            if let action = Keymap.action(for: [key], in: .input) { return perform(action) }
            edit(&input, with: key, allowsNewlines: true)
            return []
        case .panel: return Keymap.action(for: [key], in: .panel).map { perform($0) } ?? []
        case .transcript: return Keymap.action(for: [key], in: .transcript).map { perform($0) } ?? []
        }
    }

    private mutating func finishPrefixed(_ prefix: Key, _ key: Key) -> [Effect] {
        pendingPrefix = nil
        notice = nil
        if focus == .input, editing == nil, let action = Keymap.action(for: [prefix, key], in: .input) { return perform(action) }
        show("\(prefix.label) \(key.label) does nothing (F1 lists the keys)", expiresIn: .seconds(3), isError: true)
        return []
    }

    /// The keys every text field shares: typing, deleting and moving the caret.
    func edit(_ editor: inout LineEditor, with key: Key, allowsNewlines: Bool) {
        if let action = Keymap.action(for: [key], in: .editing) {
            apply(action, to: &editor)
            return
        }
        switch key {
        case .altEnter, .control("j"): if allowsNewlines { editor.insert("\n") }
        case .character(let character): editor.insert(String(character))
        default: break
        }
    }

    private func apply(_ action: KeyAction, to editor: inout LineEditor) {
        switch action {
        case .left: editor.moveLeft()
        case .right: editor.moveRight()
        case .wordLeft: editor.moveWordLeft()
        case .wordRight: editor.moveWordRight()
        case .lineStart: editor.moveToLineStart()
        case .lineEnd: editor.moveToLineEnd()
        case .deleteBackward: editor.deleteBackward()
        case .deleteForward: editor.deleteForward()
        case .deleteWordBackward: editor.deleteWordBackward()
        case .deleteWordForward: editor.deleteWordForward()
        case .deleteToLineStart: editor.deleteToLineStart()
        case .deleteToLineEnd: editor.deleteToLineEnd()
        default: break
        }
    }

    /// Performs a bound action; the keymap guarantees it fits the area that has the keys.
    mutating func perform(_ action: KeyAction) -> [Effect] {
        switch action {
        case .showHelp: return showHelp()
        case .togglePanel: togglePanel()
        case .toggleRawText: return toggleRawText()
        case .toggleThinking: return toggleThinking()
        case .openPicker: return openPicker()
        case .send: return input.text.hasPrefix("/") && !input.text.hasPrefix("//") ? runCommand() : send()
        case .insertNewline: input.insert("\n")
        case .completeOrNextFocus: return completeOrMoveFocus()
        case .nextFocus: cycleFocus(forward: true)
        case .previousFocus: cycleFocus(forward: false)
        case .stopReply: return activeReply == nil ? focusInput() : cancelReply()
        case .backToInput: return focusInput()
        case .pageUp: scrollUp(pageRows)
        case .pageDown: scrollDown(pageRows)
        case .lineUpOrOlderMessage: recallOlderOrMoveUp()
        case .lineDownOrNewerMessage: recallNewerOrMoveDown()
        case .openEditor: return [.editExternally(input.text)]
        case .scrollUp: scrollUp(1)
        case .scrollDown: scrollDown(1)
        case .scrollToTop: scrollToTop()
        case .scrollToBottom: followNewestText()
        case .previousChoice: cycleChosenChoice(by: -1)
        case .nextChoice: cycleChosenChoice(by: 1)
        case .regenerate: return regenerate() ?? []
        case .editLastMessage: return editLastMessage() ?? []
        case .copyReply: return runCopy([]) ?? []
        case .copyLastCode: return copyLastCodeBlock() ?? []
        case .selectPrevious, .selectNext, .selectFirst, .selectLast, .decrease, .increase, .decreaseCoarse, .increaseCoarse,
            .editValue, .toggleValue, .resetValue, .resetAllValues, .unsetValue:
            performPanelAction(action)
        case .pickPrevious, .pickNext, .openPicked, .renamePicked, .deletePicked, .closePicker:
            return performPickerAction(action)
        case .left, .right, .wordLeft, .wordRight, .lineStart, .lineEnd, .deleteBackward, .deleteForward, .deleteWordBackward,
            .deleteWordForward, .deleteToLineStart, .deleteToLineEnd:
            apply(action, to: &input)
        }
        return []
    }

    private mutating func completeOrMoveFocus() -> [Effect] {
        if input.text.hasPrefix("/load ") { return completeConversationName() }
        if !completeCommandName() { cycleFocus(forward: true) }
        return []
    }

    private mutating func togglePanel() {
        showsPanel.toggle()
        if !isPanelVisible { leavePanel() }
    }

    /// F3 and `/raw`: replies as laid-out Markdown or as the model wrote them.
    mutating func toggleRawText() -> [Effect] {
        showsRawText.toggle()
        followNewestText()
        show(showsRawText ? "Replies as raw text (F3 for Markdown)" : "Replies as Markdown (F3 for raw text)", expiresIn: .seconds(3))
        return []
    }

    /// F4, `t` in the transcript and `/thinking`: every reply's thinking in full, or folded to
    /// its one summary line once the answer has begun.
    mutating func toggleThinking() -> [Effect] {
        showsThinking.toggle()
        guard entries.contains(where: { !$0.reasonings.allSatisfy(\.isEmpty) }) else {
            show("No reply has thought yet: reasoning models' thinking shows here (F4 folds it)", expiresIn: .seconds(4))
            return []
        }
        show(showsThinking ? "Thinking unfolded (F4 folds it)" : "Thinking folded (F4 unfolds it)", expiresIn: .seconds(3))
        return []
    }

    // MARK: - History

    private mutating func recallOlderOrMoveUp() {
        guard input.isOnFirstLine else { return input.moveLineUp() }
        if let older = history.older(than: input.text) { input = LineEditor(older) }
    }

    private mutating func recallNewerOrMoveDown() {
        guard input.isOnLastLine else { return input.moveLineDown() }
        if let newer = history.newer() { input = LineEditor(newer) }
    }

    // MARK: - Paste and mouse

    /// A paste goes into the field being typed in as it is; a one-line field gets its lines
    /// joined with spaces. It is never sent by itself.
    mutating func paste(_ text: String) {
        if var current = editing {
            current.editor.insert(current.field == .systemPrompt ? text : Self.oneLine(text))
            editing = current
        } else if case .renaming(var editor) = picker?.mode {
            editor.insert(Self.oneLine(text))
            picker?.mode = .renaming(editor)
        } else if picker == nil {
            focus = .input
            input.insert(text.replacingCarriageReturns)
        }
    }

    private static func oneLine(_ text: String) -> String {
        String(text.replacingCarriageReturns.map { $0 == "\n" ? " " : $0 })
    }
}

extension String {
    /// Pasted line ends as `\n`: terminals paste Enter as `\r`.
    fileprivate var replacingCarriageReturns: String {
        String(map { $0 == "\r" || $0 == "\r\n" ? "\n" : $0 })
    }
}
