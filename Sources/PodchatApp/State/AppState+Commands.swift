import PodchatCore

/// Commands typed in the input box: Enter on a line that starts with `/` runs it instead of
/// sending it. A command that fails keeps its text, so a typo can be fixed.
extension AppState {
    mutating func runCommand() -> [Effect] {
        let typed = input
        let line = typed.text.trimmingWhitespace
        // Cleared first, so a command may fill the input (`/edit`); a failure gives it back.
        input = LineEditor()
        let words = line.split(separator: " ")
        let arguments = line.dropFirst(words.first?.count ?? 0).drop { $0 == " " }
        let effects: [Effect]?
        switch words.first ?? "" {
        case "/set": effects = runSet(arguments) ? [] : nil
        case "/reset": effects = runReset(arguments) ? [] : nil
        case "/choose": effects = runChoose(arguments) ? [] : nil
        case "/preset": effects = runPreset(words.dropFirst().map(String.init))
        case "/save": effects = runSave(arguments)
        case "/load": effects = runLoad(arguments)
        case "/new": effects = runNew()
        case "/title": effects = runTitle(arguments)
        case "/export": effects = runExport(words.dropFirst().map(String.init))
        case "/system": effects = runSystem(arguments)
        case "/mode": effects = runMode(arguments) ? [] : nil
        case "/raw": effects = toggleRawText()
        case "/thinking": effects = toggleThinking()
        case "/regen": effects = regenerate()
        case "/edit": effects = editLastMessage()
        case "/copy": effects = runCopy(words.dropFirst().map(String.init))
        case "/help": effects = showHelp()
        case "/quit": effects = quit()
        default:
            show("Unknown command \(words.first ?? "") (F1 or /help lists them)", expiresIn: .seconds(5), isError: true)
            effects = nil
        }
        guard let effects else {
            input = typed
            return []
        }
        return effects
    }

    /// `/set NAME VALUE`: the same as editing the field in the panel.
    private mutating func runSet(_ arguments: Substring) -> Bool {
        let name = String(arguments.prefix { $0 != " " })
        let value = String(arguments.dropFirst(name.count).drop { $0 == " " })
        guard let field = knownField(name, usage: "/set NAME VALUE") else { return false }
        guard !value.isEmpty || field == .systemPrompt else {
            show("Usage: /set \(name) VALUE (model unsets it: not sent)", expiresIn: .seconds(5), isError: true)
            return false
        }
        if let problem = assign(value, to: field) {
            show(problem, expiresIn: .seconds(6), isError: true)
            return false
        }
        show("\(name) \(displayValue(of: field)) from the next request", expiresIn: .seconds(3))
        return true
    }

    /// `/reset NAME`, or `/reset` for every field.
    private mutating func runReset(_ arguments: Substring) -> Bool {
        guard !arguments.isEmpty else {
            resetAll()
            return true
        }
        guard let field = knownField(String(arguments), usage: "/reset [NAME]") else { return false }
        reset(field)
        return true
    }

    private mutating func runChoose(_ arguments: Substring) -> Bool {
        guard let number = Int(arguments) else {
            show("Usage: /choose N, the number of a choice of the last reply", expiresIn: .seconds(5), isError: true)
            return false
        }
        choose(number: number)
        return true
    }

    /// `/system TEXT` sets the system prompt; `/system` alone edits it in the input box.
    private mutating func runSystem(_ arguments: Substring) -> [Effect]? {
        guard !arguments.isEmpty else {
            input = LineEditor()
            editing = FieldEdit(field: .systemPrompt, editor: LineEditor(settings.systemPrompt))
            return []
        }
        return runSet("system_prompt " + arguments) ? [] : nil
    }

    private mutating func runMode(_ arguments: Substring) -> Bool {
        guard let mode = ConversationMode(rawValue: String(arguments)) else {
            show("Usage: /mode chat|prompt (now \(settings.mode.rawValue))", expiresIn: .seconds(5), isError: true)
            return false
        }
        settings.mode = mode
        show("mode \(mode.rawValue) from the next request", expiresIn: .seconds(3))
        return true
    }

    /// The field called `name`, or nil after saying why there is none.
    private mutating func knownField(_ name: String, usage: String) -> PanelField? {
        if let field = PanelField.named(name) { return field }
        let problem = name.isEmpty ? "Usage: \(usage)" : "Unknown parameter \(name) (Tab completes names)"
        show(problem, expiresIn: .seconds(5), isError: true)
        return nil
    }

    // MARK: - Completion

    /// Tab on `/partial`: completes the command's name, or lists the names that fit; after
    /// `/set ` or `/reset `, the field's name. Returns false when the input is not a command,
    /// so Tab moves the focus instead.
    mutating func completeCommandName() -> Bool {
        let text = input.text
        if text.hasPrefix("/"), !text.contains(" "), input.caret == input.characters.count {
            completeCommand(text)
            return true
        }
        guard let command = ["/set ", "/reset "].first(where: { text.hasPrefix($0) }) else { return false }
        let partial = text.dropFirst(command.count)
        guard input.caret == input.characters.count, !partial.contains(" ") else { return true }
        let candidates = PanelField.all.map(\.name).filter { $0.hasPrefix(partial) }
        switch candidates.count {
        case 0:
            show("No parameter starts with \(partial)", expiresIn: .seconds(3), isError: true)
        case 1:
            input = LineEditor(command + candidates[0] + " ")
        default:
            input = LineEditor(command + Self.commonPrefix(of: candidates))
            show(candidates.joined(separator: " "), expiresIn: .seconds(6))
        }
        return true
    }

    private mutating func completeCommand(_ partial: String) {
        let names = SlashCommand.matching(partial).map(\.name)
        switch names.count {
        case 0: show("No command starts with \(partial) (F1 lists them)", expiresIn: .seconds(3), isError: true)
        case 1: input = LineEditor(names[0] + " ")
        default:
            input = LineEditor(Self.commonPrefix(of: names))
            show(names.joined(separator: " "), expiresIn: .seconds(6))
        }
    }

    private static func commonPrefix(of names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
