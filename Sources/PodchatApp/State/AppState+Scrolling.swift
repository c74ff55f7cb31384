/// Scrolling the transcript: the viewport moves through the rows the shared
/// ``TranscriptLayout`` counts for the screen as it is now.
extension AppState {
    /// The transcript's rows as they are on screen now.
    private var transcriptLayout: (layout: TranscriptLayout, height: Int)? {
        guard let area = ScreenLayout(for: self)?.transcript, !area.isEmpty else { return nil }
        return (TranscriptLayout(state: self, width: area.width, cache: nil), area.height)
    }

    var pageRows: Int {
        max(1, (transcriptLayout?.height ?? 2) - 1)
    }

    mutating func scrollUp(_ rows: Int) {
        guard let (layout, height) = transcriptLayout else { return }
        viewport.scrollUp(rows, in: layout, height: height)
    }

    mutating func scrollDown(_ rows: Int) {
        guard let (layout, height) = transcriptLayout else { return }
        viewport.scrollDown(rows, in: layout, height: height)
    }

    mutating func scrollToTop() {
        guard let (layout, height) = transcriptLayout else { return }
        viewport.scrollToTop(in: layout, height: height)
    }
}
