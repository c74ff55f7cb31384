/// One row of the side panel's list before it is placed: a group heading, a note under it,
/// or a field (by its index in ``PanelField/all``).
enum PanelLine: Equatable {
    case heading(String)
    case note(String)
    case field(Int)

    /// Every row in order: each group's heading before its first field; the legacy group
    /// says why it is there.
    static let all: [PanelLine] = {
        var lines: [PanelLine] = []
        var heading = ""
        for (index, field) in PanelField.all.enumerated() {
            if field.heading != heading {
                heading = field.heading
                lines.append(.heading(heading))
                if heading == "legacy" { lines.append(.note("old vLLM only; sent if set")) }
            }
            lines.append(.field(index))
        }
        return lines
    }()
}
