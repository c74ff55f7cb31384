/// The text of the input box hard-wrapped beside its prompt, laid out once per frame: sizing
/// the box (``ScreenLayout``) and drawing it both need it, and a pasted megabyte is not cheap
/// to lay out.
struct InputLayout {
    /// Written before the first row of text.
    static let prompt = "› "

    /// What the box edits: the message being typed, or the system prompt while it is edited.
    let editor: LineEditor
    let rows: [String]
    let caretRow: Int
    let caretColumn: Int

    init(editor: LineEditor, width: Int) {
        self.editor = editor
        (rows, caretRow, caretColumn) = editor.layout(width: width - DisplayWidth.of(Self.prompt))
    }

    /// The box's text for `state` in its terminal's width.
    init(for state: AppState) {
        let systemPrompt = state.panel.editing.flatMap { $0.field == .systemPrompt ? $0.editor : nil }
        self.init(editor: systemPrompt ?? state.composer.input, width: state.window.size.width)
    }
}
