/// The help's text: drawn from ``Keymap/bindings`` and ``SlashCommand/all``, the same tables
/// that handle keys and commands, so it always says what podchat does. The help view draws it
/// and the state scrolls through it.
package enum HelpText {
    /// How wide the key column is.
    private static let keyColumn = 22

    /// The help as plain text, one row per line.
    package static func text(width: Int) -> String {
        lines(width: width).map { $0.runs.plainText }.joined(separator: "\n")
    }

    /// Every row of help at `width` columns.
    static func lines(width: Int) -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        for context in Keymap.Context.allCases {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(TranscriptLine(context.rawValue, style: .heading))
            for (keys, summary) in entries(in: context) { lines += row(keys, summary, width: width) }
        }
        lines += [.blank, TranscriptLine("Commands (type in the input; Tab completes)", style: .heading)]
        for command in SlashCommand.all { lines += row(command.usage, command.summary, width: width) }
        lines += [
            .blank, TranscriptLine("Mouse: the wheel scrolls, a click focuses or selects a panel row; hold Shift to select text.", style: .dim),
        ]
        return lines
    }

    /// The bindings of `context`, keys with the same meaning on one row, in table order.
    private static func entries(in context: Keymap.Context) -> [(keys: String, summary: String)] {
        var entries: [(keys: String, summary: String)] = []
        for binding in Keymap.bindings where binding.context == context {
            let keys = binding.keys.map(\.label).joined(separator: " ")
            if let index = entries.firstIndex(where: { $0.summary == binding.summary }) {
                entries[index].keys += ", " + keys
            } else {
                entries.append((keys, binding.summary))
            }
        }
        return entries
    }

    /// The keys in their column, the summary wrapped beside them; keys too long for the column
    /// get a row of their own.
    private static func row(_ keys: String, _ summary: String, width: Int) -> [TranscriptLine] {
        let column = min(keyColumn, width / 3)
        let wrapped = TextWrapper.wrap(summary, width: max(1, width - column))
        var lines = wrapped.map { TranscriptLine($0, style: .normal, indent: column) }
        let keyWidth = DisplayWidth.of(keys)
        if keyWidth < column, let first = wrapped.first {
            let padded = keys + String(repeating: " ", count: column - keyWidth)
            lines[0] = TranscriptLine(runs: [StyledRun(padded, style: .listMarker), StyledRun(first, style: .normal)])
        } else {
            lines.insert(TranscriptLine(keys, style: .listMarker), at: 0)
        }
        return lines
    }
}
