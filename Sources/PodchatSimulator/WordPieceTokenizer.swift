/// Splits text into the pieces a subword tokenizer streams: a word with its leading space
/// (` How`), punctuation on its own, each CJK character on its own, long words cut in parts.
/// Joining the pieces gives back the text exactly.
enum WordPieceTokenizer {
    /// Words longer than this are cut into parts of `partLength` characters, as subword
    /// vocabularies cut rare words.
    static let longWord = 8
    static let partLength = 5

    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var leadingSpace = false
        var word = ""

        func emit(_ piece: some StringProtocol) {
            tokens.append((leadingSpace ? " " : "") + piece)
            leadingSpace = false
        }
        func flushWord() {
            for part in parts(of: word) { emit(part) }
            word = ""
        }

        for character in text {
            if character.isLetter || character.isNumber, !isCJK(character) {
                word.append(character)
                continue
            }
            flushWord()
            if character == " " {
                if leadingSpace { emit("") }
                leadingSpace = true
            } else {
                emit(String(character))
            }
        }
        flushWord()
        if leadingSpace { emit("") }
        return tokens
    }

    /// Whether `character` is Chinese, Japanese or Korean script.
    static func isCJK(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        let ranges: [ClosedRange<UInt32>] = [
            0x3040...0x30FF,  // Hiragana, Katakana
            0x3400...0x4DBF,  // CJK Extension A
            0x4E00...0x9FFF,  // CJK Unified Ideographs
            0xAC00...0xD7AF,  // Hangul syllables
            0xF900...0xFAFF,  // CJK Compatibility Ideographs
            0x20000...0x2FFFF,  // CJK Extensions B and later
        ]
        return ranges.contains { $0.contains(value) }
    }

    private static func parts(of word: String) -> [Substring] {
        guard word.count > longWord else { return word.isEmpty ? [] : [Substring(word)] }
        var parts: [Substring] = []
        var rest = Substring(word)
        while !rest.isEmpty {
            parts.append(rest.prefix(partLength))
            rest = rest.dropFirst(partLength)
        }
        return parts
    }
}
