import PodchatCore

/// The side panel's keys and its in-place edits: the panel moves its selection and says what
/// a key asks of the selected value; the conversation owns the values and changes them.
extension AppState {
    mutating func performPanelAction(_ action: KeyAction.Panel) {
        guard let request = panel.handle(action) else { return }
        switch request {
        case .adjust(let field, let direction, let coarse): conversation.adjust(field, by: direction, coarse: coarse)
        case .activate(let field):
            if !conversation.flip(field) { panel.beginEdit(field, text: conversation.values.editableText(of: field)) }
        case .toggle(.parameter(.seed)): cycleSeed()
        case .toggle(let field): conversation.flip(field)
        case .reset(let field): reset(field)
        case .resetAll: resetAll()
        case .unset(let field): unset(field)
        }
    }

    /// `u` and `/set NAME model`: the parameter is no longer sent, so the model decides.
    private mutating func unset(_ field: PanelField) {
        guard case .parameter(let parameter) = field else {
            show("\(field.name) is podchat's own setting: r resets it", expiresIn: .seconds(3))
            return
        }
        conversation.unset(parameter)
        show("\(parameter.name) unset: not sent, the \(RequestValues.unsetLabel(of: parameter)) decides", expiresIn: .seconds(3))
    }

    /// Space on the seed row: server → each turn → a fixed seed (the last one fixed, else one
    /// drawn now) → server.
    private mutating func cycleSeed() {
        let values = conversation.values
        let next: SeedChoice
        switch values.seedChoice {
        case .server: next = .eachTurn
        case .eachTurn: next = .fixed(values.lastFixedSeed ?? reply.nextSeed())
        case .fixed: next = .server
        }
        conversation.chooseSeed(next)
        show("seed \(next.label) from the next request", expiresIn: .seconds(3))
    }

    /// `r` and `/reset NAME`: back to the value podchat started with.
    mutating func reset(_ field: PanelField) {
        conversation.reset(field)
        show("\(field.name) reset to \(conversation.values.displayValue(of: field))", expiresIn: .seconds(3))
    }

    /// `R` and `/reset`: every field back to the value podchat started with.
    mutating func resetAll() {
        conversation.resetValues()
        show("Every parameter reset", expiresIn: .seconds(3))
    }

    /// A key while a field is edited as text: Enter sets a valid value (an invalid one is
    /// refused and the edit stays open, so nothing invalid is sent), Esc cancels.
    mutating func handleEditingKey(_ key: Key) -> [Effect] {
        guard case .committed(let edit) = panel.handleEdit(key) else { return [] }
        if let problem = conversation.assign(edit.editor.text, to: edit.field) {
            show(problem, expiresIn: .seconds(4), isError: true)
            return []
        }
        panel.endEdit()
        show("\(edit.field.name) \(conversation.values.displayValue(of: edit.field)) from the next request", expiresIn: .seconds(3))
        return []
    }
}
