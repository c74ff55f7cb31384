import PodchatCore

/// The values as the panel and the notices show them.
extension RequestValues {
    /// The value of `field` as its row shows it.
    package func displayValue(of field: PanelField) -> String {
        switch field {
        case .parameter(.seed): return seedChoice.label
        case .parameter(let parameter):
            guard let value = parameters.value(of: parameter) else { return Self.unsetLabel(of: parameter) }
            return parameter.format(value)
        case .mode: return settings.mode.rawValue
        case .inputFormat: return settings.inputFormat.rawValue
        case .systemPrompt:
            let firstLine = settings.systemPrompt.split(separator: "\n").first.map(String.init) ?? ""
            return firstLine.isEmpty ? "none" : firstLine
        case .applyChatTemplate, .stream:
            return Self.flag(of: field).map { settings[keyPath: $0] ? "on" : "off" } ?? ""
        }
    }

    /// A value as a person would type it back: `0.7`, `512`, `["END"]`; nothing for none.
    func editableText(of field: PanelField) -> String {
        switch field {
        case .systemPrompt: return settings.systemPrompt
        // Enter then Enter leaves `each turn` as it was.
        case .parameter(.seed) where seedChoice == .eachTurn: return "each"
        case .parameter(let parameter):
            switch parameters.value(of: parameter) ?? .null {
            case .null: return ""
            case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
            case let value: return value.encodedText
            }
        case .mode, .applyChatTemplate, .inputFormat, .stream: return displayValue(of: field)
        }
    }

    /// Who decides an unset parameter: the model; for the seed, the server (vLLM draws one);
    /// for the legacy worker's batching fields, the worker.
    static func unsetLabel(of parameter: SamplingParameter) -> String {
        if parameter == .seed { return "server" }
        return parameter.placement == .jobInput ? "worker" : "model"
    }

    /// Whether `field` is a parameter left unset (the seed: left to the server), so the panel dims it.
    package func isUnset(_ field: PanelField) -> Bool {
        guard case .parameter(let parameter) = field else { return false }
        return parameter == .seed ? seedChoice == .server : !parameters.isSet(parameter)
    }

    /// Whether `field` will be sent (a set parameter) or differs from podchat's built-in
    /// setting, so the panel highlights it.
    package func isChanged(_ field: PanelField) -> Bool {
        let defaults = RequestSettings()
        switch field {
        case .parameter: return !isUnset(field)
        case .mode: return settings.mode != defaults.mode
        case .inputFormat: return settings.inputFormat != defaults.inputFormat
        case .systemPrompt: return !settings.systemPrompt.isEmpty
        case .applyChatTemplate, .stream:
            return Self.flag(of: field).map { settings[keyPath: $0] != defaults[keyPath: $0] } ?? false
        }
    }

    /// The selected field's type, range, default and step, for the panel's detail area.
    package func detail(of field: PanelField) -> String {
        guard case .parameter(let parameter) = field else { return field.settingDescription }
        guard parameter != .seed else { return Self.seedDetail }
        var parts = [parameter.kindName]
        if let range = parameter.range {
            parts[0] += " \(parameter.format(.number(range.lowerBound)))…\(parameter.format(.number(range.upperBound)))"
        }
        if parameter.kind == .integer || parameter.kind == .decimal {
            parts.append("step \(parameter.format(.number(parameter.step)))")
        }
        let documented = parameter.documentedDefault == .null ? "" : " (vLLM documents \(parameter.format(parameter.documentedDefault)))"
        let state =
            parameters.isSet(parameter)
            ? "set: sent as shown; u unsets it"
            : "unset: not sent, the \(Self.unsetLabel(of: parameter)) decides\(documented)"
        return ([Formatting.keepingTogether(parts), state] + [parameter.note].compactMap { $0 }).joined(separator: " · ")
    }

    /// The seed row's three states and its keys; it has to fit the detail area's four lines.
    static let seedDetail =
        "server (none sent), each turn (drawn) or a number · Space cycles · Enter types · u: server"
}
