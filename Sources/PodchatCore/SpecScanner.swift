/// Walks a parameter spec (`temperature=1.2, stop='["a b"]'`) one assignment at a time,
/// keeping separators that sit inside quotes or brackets, or that a `name=` does not follow.
struct SpecScanner {
    private let characters: [Character]
    private var position = 0
    /// The quote the scanner is inside, if any.
    private(set) var openQuote: Character?
    private var bracketDepth = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    var isAtEnd: Bool { position >= characters.count }

    mutating func skipSeparators() {
        while !isAtEnd, Self.isSeparator(characters[position]) { position += 1 }
    }

    /// The next assignment, leaving the scanner at the one after it (or at the end).
    mutating func nextToken() -> String {
        var token = ""
        while !isAtEnd {
            let character = characters[position]
            if openQuote == nil, bracketDepth == 0, Self.isSeparator(character), startsAssignmentAfterSeparators() {
                skipSeparators()
                break
            }
            track(character)
            token.append(character)
            position += 1
        }
        return token.trimmingWhitespace
    }

    private mutating func track(_ character: Character) {
        if let quote = openQuote {
            if character == quote { openQuote = nil }
            return
        }
        switch character {
        case "'", "\"": openQuote = character
        case "[", "{": bracketDepth += 1
        case "]", "}": bracketDepth = max(0, bracketDepth - 1)
        default: break
        }
    }

    /// Whether, past the separators here, a `name=` begins, or nothing is left.
    private func startsAssignmentAfterSeparators() -> Bool {
        var index = position
        while index < characters.count, Self.isSeparator(characters[index]) { index += 1 }
        guard index < characters.count else { return true }
        let nameStart = index
        while index < characters.count, characters[index] == "_" || characters[index].isLetter || characters[index].isNumber { index += 1 }
        return index > nameStart && index < characters.count && characters[index] == "="
    }

    private static func isSeparator(_ character: Character) -> Bool {
        character == "," || character.isWhitespace
    }
}
