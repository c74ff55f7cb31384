/// The help overlay: drawn from ``Keymap/bindings`` and ``SlashCommand/all``, the same tables
/// that handle keys and commands, so it always says what podchat does.
package struct HelpView {
    let scroll: Int

    func render(in area: Rect, on screen: inout Screen) {
        screen.fill(area, style: .normal)
        guard area.height > 2, area.width > 10 else { return }
        screen.write(
            " podchat keys and commands · ↑ ↓ PgUp PgDn scroll · any other key closes ", at: Point(x: area.x, y: area.y), width: area.width,
            style: .statusBarAccent)
        let body = Rect(x: area.x + 2, y: area.y + 2, width: area.width - 4, height: area.height - 2)
        let lines = HelpText.lines(width: body.width)
        for (row, line) in lines.dropFirst(scroll).prefix(body.height).enumerated() {
            line.draw(at: Point(x: body.x, y: body.y + row), width: body.width, on: &screen)
        }
    }
}
