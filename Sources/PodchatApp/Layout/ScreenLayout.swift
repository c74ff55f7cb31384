/// Where each part of the UI goes for a terminal size. Rectangles only; no drawing.
package struct ScreenLayout: Sendable, Equatable {
    /// The smallest terminal the UI is drawn in; below it one line says so.
    package static let minimumSize = Size(width: 20, height: 6)
    /// Columns the sampling panel takes, its divider included.
    package static let panelWidth = 30
    /// Below this width the panel hides, so the transcript keeps a readable width.
    package static let panelMinimumTerminalWidth = 70
    /// The input box grows with its text up to this many rows, then scrolls.
    package static let maximumInputRows = 6

    package let transcript: Rect
    /// The sampling panel, or nil when hidden or the terminal is too narrow.
    package let panel: Rect?
    /// The line between the transcript and the input.
    package let inputDivider: Rect
    package let input: Rect
    package let statusBar: Rect

    /// The layout for `size`, with an input box of `inputRows` rows of text, or nil when the
    /// terminal is too small to draw anything useful.
    package init?(size: Size, inputRows: Int, showsPanel: Bool) {
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else { return nil }
        let rows = min(max(1, inputRows), Self.maximumInputRows, size.height - 4)
        statusBar = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        input = Rect(x: 0, y: statusBar.y - rows, width: size.width, height: rows)
        inputDivider = Rect(x: 0, y: input.y - 1, width: size.width, height: 1)
        let upperHeight = inputDivider.y
        if showsPanel && size.width >= Self.panelMinimumTerminalWidth {
            let transcriptWidth = size.width - Self.panelWidth
            transcript = Rect(x: 0, y: 0, width: transcriptWidth, height: upperHeight)
            panel = Rect(x: transcriptWidth, y: 0, width: Self.panelWidth, height: upperHeight)
        } else {
            transcript = Rect(x: 0, y: 0, width: size.width, height: upperHeight)
            panel = nil
        }
    }

    /// The layout of `state`'s window; nil when the terminal is too small.
    init?(for state: AppState, input: InputLayout? = nil) {
        let rows = (input ?? InputLayout(for: state)).rows.count
        self.init(size: state.window.size, inputRows: rows, showsPanel: state.panel.isShown)
    }
}
