/// Parses JSON text straight into a ``JSONValue``.
///
/// `JSONDecoder` can only decode a `JSONValue` by trying each kind of value in turn and
/// catching the errors, which made reading a `/stream` answer run at 3–8 MB/s; this reads the
/// bytes once. It accepts and rejects what `JSONDecoder` does (a test compares the two on
/// generated documents): RFC 8259 JSON, plus a leading byte-order mark and a comma before a
/// closing bracket; valid UTF-8 only; numbers that a finite `Double` holds (an overflow, or an
/// underflow to zero, is an error); at most 512 levels of nesting; of repeated keys, the first.
/// Two differences: `JSONDecoder` never reads the value of a repeated key, so it lets a broken
/// escape pass there, which this rejects; and it rejects some zeros with an exponent (`0e5`,
/// but not `0e+5`), which this reads as zero.
struct JSONParser {
    /// Why the text is not JSON, and where.
    struct Failure: Error, CustomStringConvertible {
        /// The byte offset where parsing stopped.
        let offset: Int
        let reason: String

        var description: String { "\(reason) at byte \(offset)" }
    }

    /// The deepest nesting of arrays and objects accepted, as `JSONDecoder`'s.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The JSON document in `bytes`.
    static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try parse(bytes) { _ in true }
    }

    /// The JSON document in `bytes`, but for an object at the top only the members whose names
    /// `isKept` accepts: the others are checked as strictly, so the same documents are rejected,
    /// but not built. A streamed chunk's id, model and object strings are never read.
    static func parse(_ bytes: some Collection<UInt8>, keepingMembers isKept: (String) -> Bool) throws -> JSONValue {
        let parsed = try bytes.withContiguousStorageIfAvailable { buffer in
            try parseDocument(buffer, keeping: isKept)
        }
        return try parsed ?? Array(bytes).withUnsafeBufferPointer { buffer in try parseDocument(buffer, keeping: isKept) }
    }

    /// The document in `buffer`, keeping of an object at the top the members `isKept` names.
    private static func parseDocument(_ buffer: UnsafeBufferPointer<UInt8>, keeping isKept: (String) -> Bool) throws -> JSONValue {
        var parser = JSONParser(buffer)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.object(keeping: isKept)
        parser.skipWhitespace()
        guard parser.position == buffer.count else { throw parser.failure("text after the value") }
        return value
    }

    // MARK: - Values

    private mutating func value() throws -> JSONValue {
        guard let byte = peek() else { throw failure("a value is missing") }
        switch byte {
        case UInt8(ascii: "{"): return try object(keeping: { _ in true })
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character")
        }
    }

    /// The object under the cursor with only the members `isKept` names (every member, for a
    /// whole parse); any other value under the cursor, whole.
    private mutating func object(keeping isKept: (String) -> Bool) throws -> JSONValue {
        guard peek() == UInt8(ascii: "{") else { return try value() }
        try enterNesting()
        position += 1
        var fields: [String: JSONValue] = [:]
        skipWhitespace()
        while peek() != UInt8(ascii: "}") {
            try expectMemberName()
            let key = try string()
            try stepOverColon()
            if isKept(key) {
                let value = try value()
                if fields[key] == nil { fields[key] = value }
            } else {
                try skipValue()
            }
            guard try continuesAfterElement(closedBy: UInt8(ascii: "}")) else { break }
        }
        position += 1
        depth -= 1
        return .object(fields)
    }

    /// Steps over the value under the cursor, rejecting what ``value()`` rejects.
    private mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"): try skipContainer(closedBy: UInt8(ascii: "}"), hasKeys: true)
        case UInt8(ascii: "["): try skipContainer(closedBy: UInt8(ascii: "]"), hasKeys: false)
        case UInt8(ascii: "\""): try skipString()
        default: _ = try value()
        }
    }

    private mutating func skipContainer(closedBy closing: UInt8, hasKeys: Bool) throws {
        try enterNesting()
        position += 1
        skipWhitespace()
        while peek() != closing {
            if hasKeys {
                try expectMemberName()
                try skipString()
                try stepOverColon()
            }
            try skipValue()
            guard try continuesAfterElement(closedBy: closing) else { break }
        }
        position += 1
        depth -= 1
    }

    /// Fails unless a member's name (a string) is under the cursor.
    private func expectMemberName() throws {
        guard peek() == UInt8(ascii: "\"") else { throw failure("a key must be a string") }
    }

    /// Steps over the colon between a member's name and its value, and the spaces around it.
    private mutating func stepOverColon() throws {
        skipWhitespace()
        try expect(UInt8(ascii: ":"))
        skipWhitespace()
    }

    /// Steps over the string under the cursor: printable ASCII without escapes (ids, names) is
    /// only scanned; anything else is read as ``string()`` reads it, to be rejected the same.
    private mutating func skipString() throws {
        let start = position
        position += 1
        while let byte = peek(), byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { position += 1 }
        if peek() == UInt8(ascii: "\"") {
            position += 1
            return
        }
        position = start
        _ = try string()
    }

    private mutating func array() throws -> JSONValue {
        try enterNesting()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        while peek() != UInt8(ascii: "]") {
            elements.append(try value())
            guard try continuesAfterElement(closedBy: UInt8(ascii: "]")) else { break }
        }
        position += 1
        depth -= 1
        return .array(elements)
    }

    private mutating func enterNesting() throws {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
    }

    /// After an element: true when a comma leads to another element, false at the closing
    /// bracket (left for the caller to step over). A comma right before the bracket is allowed.
    private mutating func continuesAfterElement(closedBy closing: UInt8) throws -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            skipWhitespace()
            return peek() != closing
        case closing:
            return false
        default:
            throw failure("expected a comma or the end of the \(closing == UInt8(ascii: "]") ? "array" : "object")")
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - position >= text.count, bytes[position..<position + text.count].elementsEqual(text) else {
            throw failure("unexpected character")
        }
        position += text.count
        return value
    }

    // MARK: - Strings

    /// The string starting at the opening quote under the cursor.
    private mutating func string() throws -> String {
        position += 1
        let start = position
        // Most strings have no escapes: find the closing quote and take the bytes between.
        while let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { throw failure("a control character in a string") }
            position += 1
        }
        guard let stop = peek() else { throw failure("a string is not closed") }
        if stop == UInt8(ascii: "\"") {
            position += 1
            return try text(UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), from: start)
        }
        var unescaped = Array(bytes[start..<position])
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try unescaped.withUnsafeBufferPointer { try text($0, from: start) }
            case UInt8(ascii: "\\"):
                try unescape(into: &unescaped)
            case ..<0x20:
                throw failure("a control character in a string")
            default:
                unescaped.append(byte)
            }
        }
        throw failure("a string is not closed")
    }

    private func text(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) throws -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw Failure(offset: start, reason: "a string is not valid UTF-8") }
        return text
    }

    /// Appends the UTF-8 of the escape after a backslash.
    private mutating func unescape(into unescaped: inout [UInt8]) throws {
        guard let byte = peek() else { throw failure("a string is not closed") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(byte)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"): unescaped.append(contentsOf: UTF8.encode(try escapedScalar())!)
        default: throw failure("an unknown escape")
        }
    }

    /// The scalar of a `\u` escape (the `\u` read), joining a UTF-16 surrogate pair.
    private mutating func escapedScalar() throws -> Unicode.Scalar {
        let unit = try hexUnit()
        switch unit {
        case 0xD800...0xDBFF:
            guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure("a high surrogate without its low surrogate")
            }
            position += 2
            let low = try hexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("a high surrogate without its low surrogate") }
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw failure("a low surrogate without its high surrogate")
        default:
            return Unicode.Scalar(unit)!
        }
    }

    private mutating func hexUnit() throws -> UInt16 {
        guard bytes.count - position >= 4 else { throw failure("a \\u escape is cut short") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape needs four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    // MARK: - Numbers

    private mutating func number() throws -> Double {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard skipDigits() > 0 else { throw failure("a number needs digits") }
        if bytes[integerStart] == UInt8(ascii: "0") && position - integerStart > 1 {
            throw Failure(offset: integerStart, reason: "a number with a leading zero")
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard skipDigits() > 0 else { throw failure("a number needs digits after its point") }
        }
        let mantissaEnd = position
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard skipDigits() > 0 else { throw failure("a number needs digits in its exponent") }
        }
        // Token counts and times: whole numbers of up to 15 digits are exact without strtod.
        if isInteger && position - integerStart <= 15 {
            let magnitude = bytes[integerStart..<position].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            return bytes[start] == UInt8(ascii: "-") ? -Double(magnitude) : Double(magnitude)
        }
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)), value.isFinite,
            value != 0 || !bytes[integerStart..<mantissaEnd].contains(where: { (UInt8(ascii: "1")...UInt8(ascii: "9")).contains($0) })
        else { throw Failure(offset: start, reason: "a number a Double cannot hold") }
        return value
    }

    /// Steps over decimal digits and returns how many there were.
    private mutating func skipDigits() -> Int {
        let start = position
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        return position - start
    }

    // MARK: - Reading

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw failure("expected \"\(Character(Unicode.Scalar(byte)))\"") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    private func failure(_ reason: String) -> Failure {
        Failure(offset: position, reason: reason)
    }
}
