import PodchatCore

/// The side panel: the conversation mode and the sampling parameters the next request uses,
/// values that differ from the worker's defaults highlighted.
struct ParameterPanelView {
    let parameters: SamplingParameters
    let mode: ConversationMode

    func render(in area: Rect, on screen: inout Screen) {
        for y in area.y..<area.maxY {
            screen.write("│", at: Point(x: area.x, y: y), width: 1, style: .border)
        }
        let content = Rect(x: area.x + 2, y: area.y, width: area.width - 3, height: area.height)
        var rows: [(label: String, value: String, style: Style)] = [("mode", mode.rawValue, .panelValue)]
        for parameter in SamplingParameter.all {
            let style: Style = parameters.isChanged(parameter) ? .panelValueChanged : .panelValue
            rows.append((parameter.name, parameter.format(parameters.value(of: parameter)), style))
        }
        screen.write("Sampling", at: Point(x: content.x, y: content.y), width: content.width, style: .panelTitle)
        for (index, row) in rows.enumerated() where index + 2 < content.height {
            let y = content.y + 2 + index
            let valueWidth = DisplayWidth.of(row.value)
            screen.write(row.label, at: Point(x: content.x, y: y), width: content.width - valueWidth - 1, style: .panelLabel)
            screen.write(row.value, at: Point(x: content.maxX - valueWidth, y: y), width: valueWidth, style: row.style)
        }
        if content.height > rows.count + 3 {
            screen.write("F2 hides this panel", at: Point(x: content.x, y: content.maxY - 1), width: content.width, style: .dim)
        }
    }
}
