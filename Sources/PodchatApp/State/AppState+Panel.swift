import PodchatCore

/// The side panel's keys: select a field, adjust it by its step, toggle, reset, start an edit.
extension AppState {
    /// The field the panel's selection is on.
    package var selectedField: PanelField { PanelField.all[panelSelection] }

    mutating func performPanelAction(_ action: KeyAction) {
        let field = selectedField
        switch action {
        case .selectPrevious: panelSelection = max(0, panelSelection - 1)
        case .selectNext: panelSelection = min(PanelField.all.count - 1, panelSelection + 1)
        case .selectFirst: panelSelection = 0
        case .selectLast: panelSelection = PanelField.all.count - 1
        case .decrease: adjust(field, by: -1, coarse: false)
        case .increase: adjust(field, by: 1, coarse: false)
        case .decreaseCoarse: adjust(field, by: -1, coarse: true)
        case .increaseCoarse: adjust(field, by: 1, coarse: true)
        case .editValue: activate(field)
        case .toggleValue: flip(field)
        case .resetValue: reset(field)
        case .resetAllValues: resetAll()
        case .unsetValue: unset(field)
        default: break
        }
    }

    /// Left/Right: numbers move by their step (×10 when coarse); word choices move through
    /// their options; switches flip.
    private mutating func adjust(_ field: PanelField, by direction: Double, coarse: Bool) {
        guard case .parameter(let parameter) = field, parameter.kind != .boolean else {
            flip(field)
            return
        }
        if parameter.kind.isChoice {
            parameters.cycle(parameter, forward: direction > 0)
        } else {
            parameters.adjust(parameter, bySteps: direction, stepSize: coarse ? parameter.coarseStep : nil)
        }
    }

    /// `u` and `/set NAME model`: the parameter is no longer sent, so the model decides.
    mutating func unset(_ field: PanelField) {
        guard case .parameter(let parameter) = field else {
            show("\(field.name) is podchat's own setting: r resets it", expiresIn: .seconds(3))
            return
        }
        parameters.unset(parameter)
        show("\(parameter.name) unset: not sent, the model decides", expiresIn: .seconds(3))
    }

    /// Enter: switches and choices flip; everything else is edited as text.
    private mutating func activate(_ field: PanelField) {
        if flip(field) { return }
        let text: String
        switch field {
        case .systemPrompt: text = settings.systemPrompt
        case .parameter(let parameter): text = Self.editableText(parameters.value(of: parameter) ?? .null)
        default: return
        }
        editing = FieldEdit(field: field, editor: LineEditor(text))
    }

    /// Toggles a boolean or moves a choice to its next option; false for other fields.
    @discardableResult
    private mutating func flip(_ field: PanelField) -> Bool {
        switch field {
        case .parameter(let parameter) where parameter.kind == .boolean: parameters.toggle(parameter)
        case .parameter(let parameter) where parameter.kind.isChoice: parameters.cycle(parameter)
        case .mode: settings.mode = settings.mode == .chat ? .prompt : .chat
        case .inputFormat: settings.inputFormat = settings.inputFormat == .native ? .openai : .native
        default:
            guard let flag = Self.flag(of: field) else { return false }
            settings[keyPath: flag].toggle()
        }
        return true
    }

    /// `r` and `/reset NAME`: back to the value podchat started with.
    mutating func reset(_ field: PanelField) {
        switch field {
        case .parameter(let parameter): parameters.restore(parameter, from: initialParameters)
        case .mode: settings.mode = initialSettings.mode
        case .systemPrompt: settings.systemPrompt = initialSettings.systemPrompt
        case .inputFormat: settings.inputFormat = initialSettings.inputFormat
        case .applyChatTemplate, .stream, .newSeedEachRequest:
            if let flag = Self.flag(of: field) { settings[keyPath: flag] = initialSettings[keyPath: flag] }
        }
        show("\(field.name) reset to \(displayValue(of: field))", expiresIn: .seconds(3))
    }

    /// `R` and `/reset`: every field back to the value podchat started with.
    mutating func resetAll() {
        parameters = initialParameters
        settings = initialSettings
        show("Every parameter reset", expiresIn: .seconds(3))
    }

    /// The on/off setting behind `field`, if it is one.
    static func flag(of field: PanelField) -> WritableKeyPath<RequestSettings, Bool>? {
        switch field {
        case .applyChatTemplate: return \.applyChatTemplate
        case .stream: return \.stream
        case .newSeedEachRequest: return \.newSeedEachRequest
        default: return nil
        }
    }

    /// A value as a person would type it back: `0.7`, `512`, `["END"]`; nothing for none.
    private static func editableText(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
        default: return value.encodedText
        }
    }

    // MARK: - What the panel shows

    /// The value of `field` as its row shows it.
    package func displayValue(of field: PanelField) -> String {
        switch field {
        case .parameter(.seed) where settings.newSeedEachRequest: return "random"
        case .parameter(let parameter):
            guard let value = parameters.value(of: parameter) else { return Self.unsetLabel(of: parameter) }
            return parameter.format(value)
        case .mode: return settings.mode.rawValue
        case .inputFormat: return settings.inputFormat.rawValue
        case .systemPrompt:
            let firstLine = settings.systemPrompt.split(separator: "\n").first.map(String.init) ?? ""
            return firstLine.isEmpty ? "none" : firstLine
        default: return Self.flag(of: field).map { settings[keyPath: $0] ? "on" : "off" } ?? ""
        }
    }

    /// What an unset parameter's row says: the model decides, or for the legacy worker's
    /// batching fields, the worker.
    static func unsetLabel(of parameter: SamplingParameter) -> String {
        parameter.placement == .jobInput ? "worker" : "model"
    }

    /// Whether `field` is a parameter left unset, so the panel dims it.
    package func isUnset(_ field: PanelField) -> Bool {
        guard case .parameter(let parameter) = field else { return false }
        return !parameters.isSet(parameter)
    }

    /// Whether `field` will be sent (a set parameter) or differs from podchat's built-in
    /// setting, so the panel highlights it.
    package func isChanged(_ field: PanelField) -> Bool {
        let defaults = RequestSettings()
        switch field {
        case .parameter(let parameter): return parameters.isSet(parameter)
        case .mode: return settings.mode != defaults.mode
        case .inputFormat: return settings.inputFormat != defaults.inputFormat
        case .systemPrompt: return !settings.systemPrompt.isEmpty
        default: return Self.flag(of: field).map { settings[keyPath: $0] != defaults[keyPath: $0] } ?? false
        }
    }

    /// The selected field's type, range, default and step, for the panel's detail area.
    package func detail(of field: PanelField) -> String {
        guard case .parameter(let parameter) = field else { return field.settingDescription }
        var parts = [parameter.kindName]
        if let range = parameter.range {
            parts[0] += " \(parameter.format(.number(range.lowerBound)))…\(parameter.format(.number(range.upperBound)))"
        }
        if parameter.kind == .integer || parameter.kind == .decimal {
            parts.append("step \(parameter.format(.number(parameter.step)))")
        }
        let documented = parameter.documentedDefault == .null ? "" : " (vLLM documents \(parameter.format(parameter.documentedDefault)))"
        let state = parameters.isSet(parameter)
            ? "set: sent as shown; u unsets it"
            : "unset: not sent, the \(Self.unsetLabel(of: parameter)) decides\(documented)"
        return ([Formatting.keepingTogether(parts), state] + [parameter.note].compactMap { $0 }).joined(separator: " · ")
    }
}
