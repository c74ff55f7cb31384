/// One row of the transcript before it is placed on screen.
struct TranscriptLine: Equatable {
    var text: String
    var style: Style
    var indent: Int

    init(_ text: String, style: Style, indent: Int = 0) {
        self.text = text
        self.style = style
        self.indent = indent
    }

    static let blank = TranscriptLine("", style: .normal)
}
