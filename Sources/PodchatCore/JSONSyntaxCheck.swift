/// Finds where a text stops being JSON (RFC 8259), for messages: `JSONDecoder` only says that
/// a document is invalid, not where, and a person fixing a config file needs the line.
///
/// Nesting deeper than `JSONDecoder`'s limit of 512 counts as a problem too, so this never
/// recurses deeper than that.
package enum JSONSyntaxCheck {
    static let deepestNesting = 512

    /// Where the first problem is and what it is, e.g. `unexpected "}" at line 3, column 1`;
    /// nil when the grammar finds none.
    package static func firstProblem(in text: String) -> String? {
        var scanner = Scanner(bytes: Array(text.utf8))
        do throws(Scanner.Failure) {
            scanner.skipWhitespace()
            try scanner.value(depth: 0)
            scanner.skipWhitespace()
            guard scanner.isAtEnd else { throw scanner.unexpected("after the end of the document") }
            return nil
        } catch {
            return "\(error.problem) at \(scanner.location(of: error.offset))"
        }
    }

    private struct Scanner {
        struct Failure: Error {
            var problem: String
            var offset: Int
        }

        let bytes: [UInt8]
        var offset = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { offset >= bytes.count }
        var current: UInt8? { isAtEnd ? nil : bytes[offset] }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < JSONSyntaxCheck.deepestNesting else {
                throw Failure(problem: "nesting deeper than \(JSONSyntaxCheck.deepestNesting) levels", offset: offset)
            }
            switch current ?? 0 {
            case UInt8(ascii: "{"): try container(closedBy: UInt8(ascii: "}"), depth: depth, hasKeys: true)
            case UInt8(ascii: "["): try container(closedBy: UInt8(ascii: "]"), depth: depth, hasKeys: false)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw unexpected("where a value should be")
            }
        }

        private mutating func container(closedBy close: UInt8, depth: Int, hasKeys: Bool) throws(Failure) {
            offset += 1
            skipWhitespace()
            if current == close {
                offset += 1
                return
            }
            while true {
                if hasKeys {
                    guard current == UInt8(ascii: "\"") else { throw unexpected("where a \"key\" in quotes should be") }
                    try string()
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { throw unexpected("where a : should follow the key") }
                    offset += 1
                    skipWhitespace()
                }
                try value(depth: depth + 1)
                skipWhitespace()
                if current == close {
                    offset += 1
                    return
                }
                guard current == UInt8(ascii: ",") else {
                    throw unexpected("where a , or \(Character(Unicode.Scalar(close))) should be")
                }
                offset += 1
                skipWhitespace()
            }
        }

        private mutating func string() throws(Failure) {
            offset += 1
            while let byte = current {
                offset += 1
                switch byte {
                case UInt8(ascii: "\""): return
                case UInt8(ascii: "\\"):
                    guard let escaped = current, Array("\"\\/bfnrtu".utf8).contains(escaped) else {
                        throw unexpected("after a \\ in a string")
                    }
                    offset += 1
                    if escaped == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            guard let digit = current, Character(Unicode.Scalar(digit)).isHexDigit else {
                                throw unexpected("in a \\u escape, which needs four hex digits")
                            }
                            offset += 1
                        }
                    }
                case 0..<0x20:
                    offset -= 1
                    throw unexpected("inside a string (write line breaks and tabs as \\n and \\t)")
                default: break
                }
            }
            throw unexpected("inside a string that is never closed")
        }

        private mutating func number() throws(Failure) {
            if current == UInt8(ascii: "-") { offset += 1 }
            if current == UInt8(ascii: "0") {
                offset += 1
            } else {
                try digits()
            }
            if current == UInt8(ascii: ".") {
                offset += 1
                try digits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                offset += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
                try digits()
            }
        }

        private mutating func digits() throws(Failure) {
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw unexpected("where a digit should be")
            }
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
        }

        private mutating func literal(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard current == expected else { throw unexpected("where \(word) was expected") }
                offset += 1
            }
        }

        mutating func skipWhitespace() {
            while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { offset += 1 }
        }

        /// A failure at the current byte, describing it: a printable character quoted, else
        /// the end of the text or a control byte by number.
        func unexpected(_ situation: String) -> Failure {
            let found: String
            switch current {
            case nil: found = "end of file"
            case let byte? where byte >= 0x20 && byte < 0x7F: found = "\"\(Character(Unicode.Scalar(byte)))\""
            case let byte? where byte >= 0x80: found = "character"
            case let byte?: found = "control character 0x\(String(byte, radix: 16))"
            }
            return Failure(problem: "unexpected \(found) \(situation)", offset: offset)
        }

        /// `line L, column C` of a byte offset, counting columns in characters.
        func location(of offset: Int) -> String {
            let before = bytes[..<min(offset, bytes.count)]
            let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let column = String(decoding: bytes[lineStart..<before.endIndex], as: UTF8.self).count + 1
            return "line \(line), column \(column)"
        }
    }
}
