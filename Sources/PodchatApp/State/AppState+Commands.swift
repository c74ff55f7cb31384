import PodchatCore

/// Commands typed in the input box: Enter on a line that starts with `/` runs it from the
/// ``SlashCommand`` table instead of sending it. A command that is refused keeps its text, so
/// a typo can be fixed.
extension AppState {
    mutating func runCommand() -> [Effect] {
        let typed = composer.input.text
        let line = typed.trimmingWhitespace
        // Cleared first, so a command may fill the input (`/edit`); a refusal gives it back.
        composer.replace(with: "")
        let words = line.split(separator: " ")
        let name = words.first ?? ""
        guard let command = SlashCommand.named(name) else {
            show("Unknown command \(name) (F1 or /help lists them)", expiresIn: .seconds(5), isError: true)
            composer.replace(with: typed)
            return []
        }
        let arguments = CommandArguments(text: line.dropFirst(name.count).drop { $0 == " " }, words: words.dropFirst().map(String.init))
        switch command.run(&self, arguments) {
        case .done(let effects): return effects
        case .refused:
            composer.replace(with: typed)
            return []
        }
    }

    /// `/set NAME VALUE`: the same as editing the field in the panel.
    mutating func runSet(_ arguments: Substring) -> CommandOutcome {
        let name = String(arguments.prefix { $0 != " " })
        let value = String(arguments.dropFirst(name.count).drop { $0 == " " })
        guard let field = knownField(name, usage: "/set NAME VALUE") else { return .refused }
        guard !value.isEmpty || field == .systemPrompt else { return refuse("Usage: /set \(name) VALUE (model unsets it: not sent)") }
        if let problem = conversation.assign(value, to: field) { return refuse(problem, for: .seconds(6)) }
        show("\(name) \(conversation.values.displayValue(of: field)) from the next request", expiresIn: .seconds(3))
        return .done
    }

    /// `/reset NAME`, or `/reset` for every field.
    mutating func runReset(_ arguments: Substring) -> CommandOutcome {
        guard !arguments.isEmpty else {
            resetAll()
            return .done
        }
        guard let field = knownField(String(arguments), usage: "/reset [NAME]") else { return .refused }
        reset(field)
        return .done
    }

    mutating func runChoose(_ arguments: Substring) -> CommandOutcome {
        guard let number = Int(arguments) else { return refuse("Usage: /choose N, the number of a choice of the last reply") }
        choose(number: number)
        return .done
    }

    /// `/system TEXT` sets the system prompt; `/system` alone edits it in the input box.
    mutating func runSystem(_ arguments: Substring) -> CommandOutcome {
        guard !arguments.isEmpty else {
            composer.replace(with: "")
            panel.beginEdit(.systemPrompt, text: conversation.settings.systemPrompt)
            return .done
        }
        return runSet("system_prompt " + arguments)
    }

    mutating func runMode(_ arguments: Substring) -> CommandOutcome {
        guard let mode = ConversationMode(rawValue: String(arguments)) else {
            return refuse("Usage: /mode chat|prompt (now \(conversation.settings.mode.rawValue))")
        }
        conversation.setMode(mode)
        show("mode \(mode.rawValue) from the next request", expiresIn: .seconds(3))
        return .done
    }

    /// Says why a command was refused, and refuses it.
    mutating func refuse(_ problem: String, for lifetime: Duration = .seconds(5)) -> CommandOutcome {
        show(problem, expiresIn: lifetime, isError: true)
        return .refused
    }

    /// The field called `name`, or nil after saying why there is none.
    private mutating func knownField(_ name: String, usage: String) -> PanelField? {
        if let field = PanelField.named(name) { return field }
        show(name.isEmpty ? "Usage: \(usage)" : "Unknown parameter \(name) (Tab completes names)", expiresIn: .seconds(5), isError: true)
        return nil
    }

    // MARK: - Completion

    /// Tab on `/partial`: completes the command's name, or lists the names that fit; after
    /// `/set ` or `/reset `, the field's name. Returns false when the input is not a command,
    /// so Tab moves the focus instead.
    mutating func completeCommandName() -> Bool {
        let input = composer.input
        let text = input.text
        if text.hasPrefix("/"), !text.contains(" "), input.caret == input.characters.count {
            complete(text, from: SlashCommand.matching(text).map(\.name), what: "command", then: " ")
            return true
        }
        guard let command = ["/set ", "/reset "].first(where: { text.hasPrefix($0) }) else { return false }
        let partial = text.dropFirst(command.count)
        guard input.caret == input.characters.count, !partial.contains(" ") else { return true }
        let names = PanelField.all.map(\.name).filter { $0.hasPrefix(partial) }
        complete(String(partial), from: names.map { command + $0 }, what: "parameter", then: " ")
        return true
    }

    /// Completes to the one candidate, or to what all of them share while listing them.
    mutating func complete(_ partial: String, from candidates: [String], what: String, then suffix: String) {
        switch candidates.count {
        case 0:
            let hint = what == "command" ? " (F1 lists them)" : ""
            show("No \(what) starts with \(partial)\(hint)", expiresIn: .seconds(3), isError: true)
        case 1: composer.replace(with: candidates[0] + suffix)
        default:
            composer.replace(with: Self.commonPrefix(of: candidates))
            let names = candidates.map { $0.split(separator: " ").last.map(String.init) ?? $0 }
            show(names.joined(separator: " "), expiresIn: .seconds(6))
        }
    }

    static func commonPrefix(of names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
