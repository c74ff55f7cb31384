/// The request inspector overlay: the next request as it would be sent and the request and
/// answer of a reply (``InspectorText``), scrolled by the state.
package struct RequestInspectorView {
    let inspector: RequestInspector
    /// The reply the inspector shows, if any.
    let reply: TranscriptEntry?

    func render(in area: Rect, on screen: inout Screen) {
        screen.fill(area, style: .normal)
        guard area.height > 2, area.width > 10 else { return }
        screen.write(
            " The request · ↑ ↓ PgUp PgDn scroll · c copies it as a curl command · Esc closes ", at: Point(x: area.x, y: area.y),
            width: area.width, style: .statusBarAccent)
        let body = Rect(x: area.x + 2, y: area.y + 2, width: area.width - 4, height: area.height - 2)
        let lines = InspectorText.lines(inspector, reply: reply, width: body.width)
        for (row, line) in lines.dropFirst(inspector.scroll).prefix(body.height).enumerated() {
            line.draw(at: Point(x: body.x, y: body.y + row), width: body.width, on: &screen)
        }
    }
}
