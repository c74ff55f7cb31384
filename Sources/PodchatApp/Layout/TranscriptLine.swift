/// One row of the transcript before it is placed on screen: styled runs after an indent.
struct TranscriptLine: Equatable {
    var runs: [StyledRun]
    var indent: Int

    init(_ text: String, style: Style, indent: Int = 0) {
        self.init(runs: [StyledRun(text, style: style)], indent: indent)
    }

    init(runs: [StyledRun], indent: Int = 0) {
        self.runs = runs
        self.indent = indent
    }

    static let blank = TranscriptLine(runs: [])

    /// Draws the row at `origin`, clipped to `width` columns.
    func draw(at origin: Point, width: Int, on screen: inout Screen) {
        var x = origin.x + indent
        for run in runs where x < origin.x + width {
            x += screen.write(run.text, at: Point(x: x, y: origin.y), width: origin.x + width - x, style: run.style)
        }
    }
}
