#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Writes ``JSONValue/prettyText`` one piece at a time and stops once it holds `limit`
/// characters, so the beginning of a large value's text costs what is kept: the inspector keeps
/// 6,000 characters of a job answer that may be 550 KB, whose whole text (made and then cut)
/// was most of podchat's peak memory and a large share of its time per poll.
///
/// The layout is `JSONEncoder`'s with `.prettyPrinted` and `.sortedKeys`: two spaces a level,
/// `"key" : value`, keys in the order of their UTF-8 bytes, an empty container as its brackets
/// around a blank line. Scalars are
/// written by `JSONEncoder` itself, so numbers and escapes are its own.
struct PrettyJSONWriter {
    private let limit: Int
    private let encoder: JSONEncoder
    /// What is written so far.
    private(set) var text = ""
    /// Characters in `text`, counted per piece: every piece ends at an ASCII character or at
    /// the end of a scalar's encoding, so pieces never join into one character.
    private var count = 0

    init(limit: Int) {
        self.limit = limit
        encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
    }

    private var isFull: Bool { count >= limit }

    mutating func write(_ value: JSONValue, indent: Int = 0) {
        guard !isFull else { return }
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number: append(scalar(value))
        case .string(let string): append(scalar(Self.prefix(of: string, keeping: limit - count)))
        case .array(let elements): writeArray(elements, indent: indent)
        case .object(let members): writeObject(members, indent: indent)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue], indent: Int) {
        append("[\n")
        for (index, element) in elements.enumerated() {
            guard !isFull else { return }
            append(index == 0 ? Self.spaces(indent + 1) : ",\n" + Self.spaces(indent + 1))
            write(element, indent: indent + 1)
        }
        append("\n" + Self.spaces(indent) + "]")
    }

    private mutating func writeObject(_ members: [String: JSONValue], indent: Int) {
        append("{\n")
        // `JSONEncoder` orders keys by their UTF-8 bytes, not by `String`'s `<` (which compares
        // `e` + U+0301 equal to `é`).
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, key) in keys.enumerated() {
            guard !isFull, let value = members[key] else { return }
            append((index == 0 ? "" : ",\n") + Self.spaces(indent + 1) + scalar(key) + " : ")
            write(value, indent: indent + 1)
        }
        append("\n" + Self.spaces(indent) + "}")
    }

    /// Adds `piece`, unless the limit is reached: what follows a string cut at the limit would
    /// not be what ``JSONValue/prettyText`` has there.
    private mutating func append(_ piece: String) {
        guard !isFull else { return }
        text += piece
        count += piece.count
    }

    /// A scalar as `JSONEncoder` writes it; only a NaN or an infinity fails, which a parsed
    /// ``JSONValue`` never holds.
    private func scalar(_ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The string's first `characters` characters: its written form begins the same way and,
    /// escapes being longer than what they stand for, is at least as long.
    private static func prefix(of string: String, keeping characters: Int) -> String {
        string.utf8.count <= characters ? string : String(string.prefix(max(characters, 0)))
    }

    private static func spaces(_ level: Int) -> String {
        String(repeating: "  ", count: level)
    }
}

extension JSONValue {
    /// The beginning of ``prettyText``, without writing the rest: all of it, or a text whose
    /// first `limit` characters are those of ``prettyText`` (a string cut there is closed with
    /// its quote, after them).
    package func prettyText(upTo limit: Int) -> String {
        var writer = PrettyJSONWriter(limit: limit)
        writer.write(self)
        return writer.text
    }
}
