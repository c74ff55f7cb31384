/// The side panel: whether it is shown, its selected row, and the field being edited as text.
package struct PanelState: Sendable, Equatable {
    /// What a panel key asks of the selected field's value, which the conversation owns.
    enum Request: Equatable {
        case adjust(PanelField, direction: Double, coarse: Bool)
        /// Enter: switches and choices flip; everything else is edited as text.
        case activate(PanelField)
        case toggle(PanelField)
        case reset(PanelField)
        case resetAll
        case unset(PanelField)
    }

    /// How an edit key went.
    enum EditOutcome: Equatable {
        case editing
        /// Enter: the text is to be checked and set.
        case committed(FieldEdit)
        case cancelled
    }

    /// Hidden with F2; off screen anyway when the terminal is narrow.
    package private(set) var isShown = true
    /// The selected row: an index into ``PanelField/all``.
    package private(set) var selection = 0
    /// The field being edited as text, if any; it takes the keys until Enter or Esc.
    package private(set) var editing: FieldEdit?
    /// While the panel edits side B of a compare (`v`): the panel's own values, side A's, to
    /// put back when the compare starts or is cancelled.
    package private(set) var sideA: RequestValues?

    /// The field the selection is on.
    package var selectedField: PanelField { PanelField.all[selection] }

    /// Moves the selection, or says what to do with the selected field's value.
    mutating func handle(_ action: KeyAction.Panel) -> Request? {
        let field = selectedField
        switch action {
        case .selectPrevious: select(selection - 1)
        case .selectNext: select(selection + 1)
        case .selectFirst: select(0)
        case .selectLast: select(PanelField.all.count - 1)
        case .decrease: return .adjust(field, direction: -1, coarse: false)
        case .increase: return .adjust(field, direction: 1, coarse: false)
        case .decreaseCoarse: return .adjust(field, direction: -1, coarse: true)
        case .increaseCoarse: return .adjust(field, direction: 1, coarse: true)
        case .editValue: return .activate(field)
        case .toggleValue: return .toggle(field)
        case .resetValue: return .reset(field)
        case .resetAllValues: return .resetAll
        case .unsetValue: return .unset(field)
        case .compare: return nil
        }
        return nil
    }

    /// The panel now edits side B; `values` are side A's, kept.
    mutating func beginSideB(keeping values: RequestValues) {
        sideA = values
    }

    /// Side B is done with; side A's values, to put back.
    mutating func endSideB() -> RequestValues? {
        defer { sideA = nil }
        return sideA
    }

    /// Selects row `index`, kept within the list.
    mutating func select(_ index: Int) {
        selection = max(0, min(PanelField.all.count - 1, index))
    }

    mutating func toggleShown() {
        isShown.toggle()
    }

    mutating func beginEdit(_ field: PanelField, text: String) {
        editing = FieldEdit(field: field, editor: LineEditor(text))
    }

    /// A key for the field being edited.
    mutating func handleEdit(_ key: Key) -> EditOutcome {
        guard var current = editing else { return .cancelled }
        if key == .enter { return .committed(current) }
        if key == .escape {
            editing = nil
            return .cancelled
        }
        // Tab would leave the field in the middle of an edit: it does nothing here.
        guard key != .tab, key != .backTab else { return .editing }
        current.editor.handle(key, allowsNewlines: current.field == .systemPrompt)
        editing = current
        return .editing
    }

    /// A paste into the field being edited: one line, but for the system prompt.
    mutating func paste(_ text: String) {
        guard var current = editing else { return }
        current.editor.insert(current.field == .systemPrompt ? text : text.joiningLines)
        editing = current
    }

    mutating func endEdit() {
        editing = nil
    }

    /// The panel went off screen: an edit in its rows goes with it.
    mutating func leave() {
        if case .parameter = editing?.field { editing = nil }
    }
}
