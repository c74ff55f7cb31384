import PodchatCore

/// Remembers each message's laid-out text between frames, so a frame re-lays only the
/// message that changed (the one streaming) and the cost of drawing does not grow with the
/// conversation. Owned by the one thread that draws; the view stays a function of the state.
package final class TranscriptCache {
    /// What a message's layout depends on; a message whose key is unchanged is not re-laid.
    struct Key: Equatable {
        var role: Role
        var choices: [String]
        var chosenChoice: Int
        var width: Int
        var showsRawText: Bool
    }

    private var bodies: [Int: (key: Key, lines: [TranscriptLine])] = [:]
    /// How far the reply still streaming is laid out, so its next delta lays out only the
    /// lines it touches. One at a time: only the newest reply grows.
    private var growing: (entry: Int, progress: MarkdownProgress)?
    /// Each message's thinking wrapped so far: the text up to its last line break and the
    /// lines it wraps to. Thinking is plain text that only grows, and wrapping never crosses a
    /// line break, so a frame re-wraps only the paragraph still arriving.
    private var thoughts: [Int: (width: Int, wrapped: String, lines: [String])] = [:]
    /// The rows drawn last frame, the area they filled, and the cells they left there.
    private var drawn: (area: Rect, lines: [TranscriptLine], screen: Screen)?

    package init() {}

    /// The lines for message `index`, laid out again only when `key` differs from last time.
    /// Comparing is cheap for an unchanged message: its strings share storage with the copy kept.
    /// - Parameters:
    ///   - isGrowing: the message is a reply still streaming; `layOut` gets the progress of
    ///     its last layout to go on from, and the cache keeps what it leaves there.
    ///   - layOut: lays the message out, going on from the progress it is given.
    func lines(forEntry index: Int, key: Key, isGrowing: Bool, layOut: (inout MarkdownProgress) -> [TranscriptLine]) -> [TranscriptLine] {
        if let cached = bodies[index], cached.key == key {
            if !isGrowing && growing?.entry == index { growing = nil }
            return cached.lines
        }
        var progress = growing.flatMap { $0.entry == index ? $0.progress : nil } ?? MarkdownProgress()
        let lines = layOut(&progress)
        bodies[index] = (key, lines)
        if isGrowing {
            growing = (index, progress)
        } else if growing?.entry == index {
            growing = nil
        }
        return lines
    }

    /// Message `index`'s thinking `text` wrapped to `width`: the same lines as
    /// `TextWrapper.wrap(text, width:)`, re-wrapping only what follows the text wrapped before.
    func thinkingLines(forEntry index: Int, text: String, width: Int) -> [String] {
        let paragraphsEnd = text.utf8.lastIndex(of: UInt8(ascii: "\n")).map { text.utf8.index(after: $0) } ?? text.startIndex
        var kept =
            thoughts[index].flatMap { $0.width == width && text.hasUTF8Prefix($0.wrapped) ? $0 : nil }
            ?? (width: width, wrapped: "", lines: [])
        let wrappedEnd = text.utf8.index(text.startIndex, offsetBy: kept.wrapped.utf8.count)
        if wrappedEnd < paragraphsEnd {
            // Whole paragraphs, each ending in a line break; the last break only ends them.
            kept.lines += TextWrapper.wrap(String(text[wrappedEnd..<paragraphsEnd].dropLast()), width: width)
            kept.wrapped = String(text[..<paragraphsEnd])
        }
        thoughts[index] = kept
        return kept.lines + TextWrapper.wrap(String(text[paragraphsEnd...]), width: width)
    }

    /// Draws `lines` from the top of `area`, on a screen blank there. A row showing a line
    /// drawn last frame, in the same area, gets that frame's cells copied instead of written
    /// again: while a reply streams only its last rows change, and writing every row's text
    /// was most of a frame. The rows may have scrolled up since (a reply that grew a row moves
    /// them all), so the shift is found first. A row's cells depend only on its line and the
    /// area's columns.
    func draw(_ lines: [TranscriptLine], in area: Rect, on screen: inout Screen) {
        let shown = Array(lines.prefix(area.height))
        let previous = drawn.flatMap { $0.area == area && $0.screen.size == screen.size ? $0 : nil }
        let shift = previous.map { Self.scroll(from: $0.lines, to: shown) } ?? 0
        for (row, line) in shown.enumerated() {
            let y = area.y + row
            if let previous, row + shift < previous.lines.count, previous.lines[row + shift] == line {
                screen.copy(Rect(x: area.x, y: y + shift, width: area.width, height: 1), from: previous.screen, to: y)
            } else {
                line.draw(at: Point(x: area.x, y: y), width: area.width, on: &screen)
            }
        }
        drawn = (area, shown, screen)
    }

    /// How many rows `lines` scrolled up since `before`: the first offset, of a few, at which
    /// the first row was drawn; 0 when none is.
    private static func scroll(from before: [TranscriptLine], to lines: [TranscriptLine]) -> Int {
        guard let first = lines.first else { return 0 }
        return (0..<min(before.count, 4)).first { before[$0] == first } ?? 0
    }
}
