/// The line of text a listing shows under a conversation's title: the start of its first user
/// message, or in a search's results the text around the match, with the matching words marked.
enum SearchSnippet {
    /// How many words a search's snippet shows around its match.
    static let tokens = 14
    /// Where FTS5's `snippet()` puts the start and the end of each match: control characters,
    /// which typed text does not hold.
    private static let matchStart: Character = "\u{2}"
    private static let matchEnd: Character = "\u{3}"

    /// How many characters of a message's start a listing shows.
    private static let openingLength = 80

    /// The start of `text` on one line, for a listing.
    static func opening(of text: String) -> String {
        let line = oneLine(text.prefix(openingLength))
        return text.count > openingLength ? line + "…" : line
    }

    /// A snippet from `snippet()`, on one line, without its marks, and where the marks were, in
    /// characters of the result.
    static func parse(_ marked: String) -> (snippet: String, highlights: [Range<Int>]) {
        var snippet = ""
        var highlights: [Range<Int>] = []
        var start: Int?
        var count = 0
        for character in marked {
            switch character {
            case matchStart: start = count
            case matchEnd:
                if let from = start, from < count { highlights.append(from..<count) }
                start = nil
            default:
                snippet.append(character.isNewline || character == "\t" ? " " : character)
                count += 1
            }
        }
        return (snippet, highlights)
    }

    /// `text` on one line: a snippet sits beside a title, so line breaks and tabs become spaces.
    private static func oneLine(_ text: Substring) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
