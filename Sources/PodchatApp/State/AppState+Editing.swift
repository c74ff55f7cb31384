import PodchatCore

/// Editing a field's value as text, checked on every keystroke; and setting a field from text,
/// which the edit and `/set` share.
extension AppState {
    /// Why the text being edited is not a valid value, or nil when Enter would set it.
    package var editProblem: String? {
        guard let editing else { return nil }
        return problem(with: editing.editor.text, for: editing.field)
    }

    mutating func handleEditingKey(_ key: Key) -> [Effect] {
        guard var current = editing else { return [] }
        switch key {
        case .enter: commitEdit()
        case .escape: editing = nil
        case .tab, .backTab: break
        default:
            edit(&current.editor, with: key, allowsNewlines: current.field == .systemPrompt)
            editing = current
        }
        return []
    }

    /// Enter: an invalid value is refused and the edit stays open, so nothing invalid is sent.
    private mutating func commitEdit() {
        guard let current = editing else { return }
        if let problem = assign(current.editor.text, to: current.field) {
            show(problem, expiresIn: .seconds(4), isError: true)
            return
        }
        editing = nil
        show("\(current.field.name) \(displayValue(of: current.field)) from the next request", expiresIn: .seconds(3))
    }

    /// Why `text` is not a valid value for `field`, or nil when it is.
    func problem(with text: String, for field: PanelField) -> String? {
        var trial = self
        return trial.assign(text, to: field)
    }

    /// Sets `field` from `text` as a person typed it, or returns why it cannot. For parameters
    /// an empty text, `model` or `none` unsets it: nothing is sent and the model's default applies.
    mutating func assign(_ text: String, to field: PanelField) -> String? {
        let trimmed = text.trimmingWhitespace
        switch field {
        case .parameter(let parameter):
            if SamplingParameter.unsetWords.contains(trimmed.lowercased()) {
                parameters.unset(parameter)
                return nil
            }
            switch parameter.parse(text) {
            case .success(let value):
                do { try parameters.set(parameter, exactly: value) } catch { return error.description }
            case .failure(let error): return error.description
            }
        case .mode:
            guard let mode = ConversationMode(rawValue: trimmed) else { return "mode must be chat or prompt (got \(text))" }
            settings.mode = mode
        case .inputFormat:
            guard let format = InputFormat(rawValue: trimmed) else { return "input_format must be native or openai (got \(text))" }
            settings.inputFormat = format
        case .systemPrompt:
            settings.systemPrompt = text
        case .applyChatTemplate, .stream, .newSeedEachRequest:
            guard let flag = Self.flag(of: field), let value = Self.parseFlag(trimmed) else { return "\(field.name) must be on or off (got \(text))" }
            settings[keyPath: flag] = value
        }
        return nil
    }

    private static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: return nil
        }
    }
}
