/// The conversation, soft-wrapped to the area: the newest text at the bottom while following,
/// or held where the user scrolled to, with a marker while there is more below.
struct TranscriptView {
    let state: AppState
    let cache: TranscriptCache?

    func render(in area: Rect, on screen: inout Screen) {
        guard !area.isEmpty else { return }
        guard !state.conversation.entries.isEmpty else {
            for (row, line) in welcomeLines(width: area.width).prefix(area.height).enumerated() {
                line.draw(at: Point(x: area.x, y: area.y + row), width: area.width, on: &screen)
            }
            return
        }
        let window = TranscriptLayout(state: state, width: area.width, cache: cache).window(height: area.height)
        if let cache {
            cache.draw(window.lines, in: area, on: &screen)
        } else {
            for (row, line) in window.lines.enumerated() {
                line.draw(at: Point(x: area.x, y: area.y + row), width: area.width, on: &screen)
            }
        }
        if window.isAnchored {
            let marker = state.viewport.hasUnseenText ? " ↓ new text below · PgDn " : " ↓ more below · PgDn "
            let width = min(area.width, DisplayWidth.of(marker))
            screen.write(marker, at: Point(x: area.maxX - width, y: area.maxY - 1), width: width, style: .statusBarAccent)
        }
    }

    private func welcomeLines(width: Int) -> [TranscriptLine] {
        var paragraphs: [(String, Style)] = [
            ("podchat: chat with LLMs on Runpod Serverless vLLM endpoints.", .title),
            ("", .normal),
        ]
        if state.endpoints.current.isDemo {
            paragraphs += [
                ("Demo mode: replies come from the built-in simulator (\(state.endpoints.current.label)), over real HTTP.", .messageText),
                (
                    "To chat with your endpoint, run podchat --endpoint YOUR_ENDPOINT_ID with the key in RUNPOD_API_KEY, or set \"endpoint_id\" in ~/.config/podchat/config.json.",
                    .dim
                ),
                ("", .normal),
            ]
        }
        paragraphs += [
            (
                "Type a message and press Enter. Alt-Enter or Ctrl-J adds a line, Esc stops a reply, Tab moves to the sampling panel (or /set NAME VALUE), Ctrl-O opens saved conversations, F1 lists every key, Ctrl-Q quits.",
                .dim
            )
        ]
        return paragraphs.flatMap { text, style in
            text.isEmpty ? [TranscriptLine.blank] : TextWrapper.wrap(text, width: width - 2).map { TranscriptLine($0, style: style, indent: 1) }
        }
    }
}
