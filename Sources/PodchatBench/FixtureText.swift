import PodchatApp

/// Deterministic prose for fixtures: words drawn from a fixed vocabulary by a seeded generator,
/// so every run measures the same bytes. The vocabulary mixes plain English with the accents,
/// CJK and emoji real conversations carry.
struct FixtureText {
    private static let vocabulary = """
        the a of to and in is that it for on with as this be are you can by from or an at not \
        your which have if will more when use one all there their each model request worker \
        endpoint token reply stream queue latency memory cache batch prompt sampling value \
        function return error result string array index server client job status timeout retry \
        question answer example simple because should would could first second time data file \
        line code test build run change write read number small large fast slow better \
        café naïve résumé 日本語 中文 한국어 ✓ 🚀 → “quoted” über straße
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// The plain words of the vocabulary, for names in code.
    private static let identifiers = vocabulary.filter { $0.allSatisfy { $0.isASCII && $0.isLetter } }

    private var generator: SeedGenerator

    init(seed: UInt64) {
        generator = SeedGenerator(start: seed)
    }

    /// About `length` characters of sentences, in paragraphs of a few sentences each.
    mutating func prose(length: Int) -> String {
        var text = ""
        var characters = 0
        var sentences = 0
        while characters < length {
            let separator = sentences == 0 ? "" : sentences.isMultiple(of: 4) ? "\n\n" : " "
            let next = sentence()
            text += separator + next
            characters += separator.count + next.count
            sentences += 1
        }
        return text
    }

    private mutating func sentence() -> String {
        let count = 6 + generator.next() % 12
        let words = (0..<count).map { _ in Self.vocabulary[generator.next() % Self.vocabulary.count] }
        return words.joined(separator: " ").capitalizedFirst + "."
    }

    /// A reply of `count` pieces as a model streams it, each piece a word with the spaces or
    /// line ends before it (about one token): paragraphs, then a list, then a fenced code block,
    /// and again, so the Markdown layout has every kind of block to lay out.
    mutating func streamedReply(pieces count: Int) -> [String] {
        var pieces: [String] = []
        while pieces.count < count {
            let items = (0..<4).map { _ in "- " + sentence() }.joined(separator: "\n")
            let code = (0..<6).map { _ in
                let words = (0..<3).map { _ in Self.identifiers[generator.next() % Self.identifiers.count] }
                return "    let \(words[0]) = \(words[1])(\(words[2]), 42)"
            }.joined(separator: "\n")
            let section = prose(length: 500) + "\n\n" + items + "\n\n```swift\n" + code + "\n```\n\n"
            pieces += Self.pieces(of: section)
        }
        return Array(pieces.prefix(count))
    }

    /// A reply of `count` pieces that is one paragraph, as `podchat simulate`'s long replies are
    /// (and a model's thinking often is): its last line grows for the whole reply.
    mutating func streamedParagraphReply(pieces count: Int) -> [String] {
        var text = ""
        while text.count < count * 8 { text += (text.isEmpty ? "" : " ") + sentence() }
        return Array(Self.pieces(of: text).prefix(count))
    }

    /// A reply of `count` pieces that is one fenced code block, as when a model writes a program.
    mutating func streamedCodeReply(pieces count: Int) -> [String] {
        var lines = ["```swift"]
        while lines.count < count / 6 {
            let words = (0..<3).map { _ in Self.identifiers[generator.next() % Self.identifiers.count] }
            lines.append("    let \(words[0]) = \(words[1])(\(words[2]), 42)")
        }
        return Array(Self.pieces(of: lines.joined(separator: "\n")).prefix(count))
    }

    /// `text` cut before each word, so the whitespace before a word travels with it.
    private static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if !character.isWhitespace && current.last?.isWhitespace == true && current.contains(where: { !$0.isWhitespace }) {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// A number in `range`, for sizes and times that vary from message to message.
    mutating func number(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + generator.next() % (range.count)
    }
}

extension String {
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
