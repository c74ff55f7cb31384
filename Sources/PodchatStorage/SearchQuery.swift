/// What a person types to find a conversation, understood: words in any order, "quoted
/// phrases", prefixes (`leek*`), and words or phrases to leave out (`-soup`, `-"pea soup"`).
///
/// Letters are compared ignoring case and accents, a word at a time: `leek` finds "Leeks?"
/// only as `leek*`, except for the word still being typed. The picker searches on every
/// keystroke, so the last word of a query that does not end in a space is a prefix too
/// (`avo` finds "avocado"); the command line follows the same rule, so both find the same.
package struct SearchQuery: Sendable, Equatable {
    /// A word, or a phrase of words that must follow each other.
    package struct Term: Sendable, Equatable {
        /// The words, separated by single spaces.
        package var words: String
        /// Whether the last word also matches longer words it begins.
        package var isPrefix: Bool

        package init(_ words: String, isPrefix: Bool = false) {
            self.words = words
            self.isPrefix = isPrefix
        }
    }

    /// Terms every match contains (in one message, or the title).
    package private(set) var included: [Term] = []
    /// Terms no matching conversation contains anywhere.
    package private(set) var excluded: [Term] = []

    /// Whether the query asks for nothing: then a search is a listing.
    package var isEmpty: Bool { included.isEmpty && excluded.isEmpty }

    package init(included: [Term], excluded: [Term]) {
        self.included = included
        self.excluded = excluded
    }

    /// `text` understood. Pieces with no letter or digit (a lone `-`, `*`, `""`, punctuation)
    /// are left out, since they cannot match a word.
    package init(parsing text: String) {
        var scanner = Scanner(text)
        while let piece = scanner.next() {
            let words = Self.words(in: piece.text)
            guard !words.isEmpty else { continue }
            let isTyping = piece.isLast && !piece.isQuoted && !piece.isExcluded && text.last?.isWhitespace == false
            let term = Term(words, isPrefix: piece.isPrefix || isTyping)
            if piece.isExcluded { excluded.append(term) } else { included.append(term) }
        }
    }

    /// The words of `text`: runs of letters and digits, so they tokenize as the index does.
    private static func words(in text: Substring) -> String {
        text.split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// A piece of the query: a word or phrase with its marks.
    private struct Piece {
        var text: Substring
        var isQuoted = false
        var isExcluded = false
        var isPrefix = false
        var isLast = false
    }

    /// Splits a query at spaces outside quotes; an unclosed quote runs to the end, as it does
    /// while being typed.
    private struct Scanner {
        private let text: Substring
        private var position: Substring.Index

        init(_ text: String) {
            self.text = text[...]
            position = self.text.startIndex
        }

        mutating func next() -> Piece? {
            position = text[position...].firstIndex { !$0.isWhitespace } ?? text.endIndex
            guard position < text.endIndex else { return nil }
            var piece = Piece(text: "")
            if text[position] == "-" {
                piece.isExcluded = true
                position = text.index(after: position)
            }
            if position < text.endIndex, text[position] == "\"" {
                piece.isQuoted = true
                let start = text.index(after: position)
                let end = text[start...].firstIndex(of: "\"") ?? text.endIndex
                piece.text = text[start..<end]
                position = end < text.endIndex ? text.index(after: end) : end
            } else {
                let end = text[position...].firstIndex { $0.isWhitespace || $0 == "\"" } ?? text.endIndex
                piece.text = text[position..<end]
                position = end
            }
            if position < text.endIndex, text[position] == "*" {
                piece.isPrefix = true
                position = text.index(after: position)
            }
            if piece.text.last == "*" { piece.isPrefix = true }
            piece.isLast = text[position...].allSatisfy(\.isWhitespace)
            return piece
        }
    }
}
