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

        /// The growing reply's text differs from last frame's nearly every frame, and `String`'s
        /// `==` compares its whole common prefix first: the byte counts, known without reading
        /// the text, settle most comparisons.
        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.role == rhs.role && lhs.chosenChoice == rhs.chosenChoice && lhs.width == rhs.width && lhs.showsRawText == rhs.showsRawText
                && lhs.choices.count == rhs.choices.count
                && zip(lhs.choices, rhs.choices).allSatisfy { $0.utf8.count == $1.utf8.count && $0 == $1 }
        }
    }

    /// What a wrapped footer row depends on.
    private struct FooterKey: Hashable {
        var text: String
        var style: Style
        var width: Int
    }

    private var bodies: [Int: (key: Key, lines: [TranscriptLine])] = [:]
    /// How far the reply still streaming is laid out, so its next delta lays out only the
    /// lines it touches. One at a time: only the newest reply grows.
    private var growing: (entry: Int, progress: MarkdownProgress)?
    /// Each message's thinking wrapped so far: the text up to its last line break and the
    /// lines it wraps to. Thinking is plain text that only grows, and wrapping never crosses a
    /// line break, so a frame re-wraps only the paragraph still arriving.
    private var thoughts: [Int: (width: Int, wrapped: String, lines: [String])] = [:]
    /// The rows drawn last frame, the area they filled (none yet: empty), and the cells they
    /// left there. Three fields, not an optional tuple: a frame reads them in place.
    private var drawnArea: Rect?
    private var drawnLines: [TranscriptLine] = []
    private var drawnScreen = Screen(size: Size(width: 0, height: 0))
    /// Footer texts wrapped this frame and the frame before: a reply's footer is made again
    /// each frame it is on screen, and wrapping it was more than its formatting. Two frames'
    /// worth, so what leaves the screen is let go.
    private var footers: [FooterKey: [TranscriptLine]] = [:]
    private var footersBefore: [FooterKey: [TranscriptLine]] = [:]
    private static let footersKept = 256

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

    /// The footer `text` wrapped to `width` by `wrap`, or as it was wrapped in this frame or the
    /// one before.
    func footerRows(_ text: String, style: Style, width: Int, wrap: () -> [TranscriptLine]) -> [TranscriptLine] {
        let key = FooterKey(text: text, style: style, width: width)
        if let rows = footers[key] { return rows }
        let rows = footersBefore[key] ?? wrap()
        // Laying out many messages between frames (scrolling far) keeps no more than a screen's worth.
        if footers.count < Self.footersKept { footers[key] = rows }
        return rows
    }

    /// Draws `lines` from the top of `area`, on a screen blank there, as the last write before
    /// any overlay (it keeps the screen, so a later write copies it). A row showing a line
    /// drawn last frame, in the same area, gets that frame's cells copied instead of written
    /// again: while a reply streams only its last rows change, and writing every row's text
    /// was most of a frame. The rows may have scrolled up since (a reply that grew a row moves
    /// them all), so the shift is found first. A row's cells depend only on its line and the
    /// area's columns.
    func draw(_ lines: [TranscriptLine], in area: Rect, on screen: inout Screen) {
        let shown = Array(lines.prefix(area.height))
        let isSameArea = drawnArea == area && drawnScreen.size == screen.size
        let shift = isSameArea ? Self.scroll(from: drawnLines, to: shown) : 0
        for (row, line) in shown.enumerated() {
            let y = area.y + row
            if isSameArea, row + shift < drawnLines.count, drawnLines[row + shift] == line {
                screen.copy(Rect(x: area.x, y: y + shift, width: area.width, height: 1), from: drawnScreen, to: y)
            } else {
                line.draw(at: Point(x: area.x, y: y), width: area.width, on: &screen)
            }
        }
        (drawnArea, drawnLines, drawnScreen) = (area, shown, screen)
        footersBefore = footers
        footers.removeAll(keepingCapacity: true)
    }

    /// How many rows `lines` scrolled up since `before`: the first offset, of a few, at which
    /// the first row was drawn; 0 when none is.
    private static func scroll(from before: [TranscriptLine], to lines: [TranscriptLine]) -> Int {
        guard let first = lines.first else { return 0 }
        return (0..<min(before.count, 4)).first { before[$0] == first } ?? 0
    }
}
