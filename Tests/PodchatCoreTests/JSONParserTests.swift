import Foundation
import PodchatCore
import PodchatTestSupport
import Testing

/// `JSONValue(parsing:)` must accept and reject exactly what `JSONDecoder` does, and give the
/// same values: `JSONDecoder` decoding a `JSONValue` is the oracle.
@Suite struct JSONParserTests {
    private func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private func parsed(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONValue(parsing: bytes)
    }

    @Test(arguments: [
        #"{"a":[1,-2.5e3,true,false,null,"x"],"b":{"c":{}}}"#, #"{"a":1,"a":2}"#, "\u{FEFF}{\"a\":1}", " [1, 2 ] ", "\t\n\r 1",
        "[1,]", #"{"a":1,}"#, "[,]", "{,}", "[1,,2]", "[1 2]", #"{"a" 1}"#, "{1:2}", "1 2", "[1] x", "", "   ", "\u{0B}1",
        "true", "True", "nul", "null", "-0", "01", "[01]", "1.", ".5", "+1", "-", "-a", "1e", "1e5", "1E+5", "2.5e-3",
        "12345678901234567890", "123456789012345", "1234567890123456", "1e400", "-1e400", "1e-400", "1e-310", "4.9e-324",
        "2e-324", "0e-400", "0.000e999", "1.7976931348623158e308", "1.8e308", "0x10", "Infinity", "NaN",
        #""\ud83d\ude00""#, #""\uD83D\uDE00""#, #""\ud800""#, #""\udc00""#, #""\ud83dx""#, #""\ud83d\u0041""#, "\"a\u{01}b\"",
        "\"a\u{7F}b\"", #""\x""#, #""\/\b\f\n\r\t\"\\""#, #""\u00e9\u0000""#, #""\u12""#, #""\u12G4""#, "\"abc", "\"日本語 🚀\"",
        #"{"":1}"#, #"{"a" : 1 , "b":2}"#, "[[[]]]", "{\"a\":[{\"b\":null}]}",
    ])
    func agreesWithJSONDecoder(on text: String) {
        #expect(parsed(Array(text.utf8)) == decoded(Array(text.utf8)))
    }

    @Test func rejectsInvalidUTF8LikeJSONDecoder() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0xFF]] {
            #expect(parsed(bytes) == nil)
            #expect(decoded(bytes) == nil)
        }
    }

    /// `JSONDecoder` (swift-foundation, Swift 6.3) rejects some zeros written with an exponent
    /// and accepts others; they are all zero.
    @Test func readsEveryZeroWithAnExponentAsZero() throws {
        for text in ["0e5", "0e+5", "0.000e5", "0.0e5", "-0e1"] {
            #expect(try JSONValue(parsing: Array(text.utf8)) == .number(0), "\(text)")
        }
        #expect(decoded(Array("0e5".utf8)) == nil)
        #expect(decoded(Array("0e+5".utf8)) == .number(0))
    }

    @Test func nestsAsDeepAsJSONDecoderAndNoDeeper() {
        for depth in [511, 512, 513] {
            let text = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            #expect(parsed(text) == decoded(text), "depth \(depth)")
            #expect((parsed(text) != nil) == (depth <= 512))
        }
    }

    /// Generated documents, and the same documents with bytes changed, inserted or removed.
    @Test func agreesWithJSONDecoderOnGeneratedDocuments() {
        var random = FuzzRandom(seed: 0x7E57_0150)
        for iteration in 0..<3_000 {
            var text = Array(document(depth: 0, &random).utf8)
            if random.chance(0.5) {
                for _ in 0..<random.int(1...3) { mutate(&text, &random) }
            }
            let expected = decoded(text)
            #expect(parsed(text) == expected, "iteration \(iteration): \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    /// Keeping some members of an object: the same documents rejected as by a whole parse (the
    /// members stepped over are checked too), and the kept members as a whole parse reads them.
    @Test func keepsTheNamedMembersAndRejectsWhatAWholeParseRejects() {
        var random = FuzzRandom(seed: 0x5EED_C4A7)
        let isKept = { (name: String) in name.hasPrefix("1") || name.hasPrefix("3") }
        for iteration in 0..<3_000 {
            var source = document(depth: 0, &random)
            while !random.chance(0.2) && !source.hasPrefix("{") { source = document(depth: 0, &random) }
            var text = Array(source.utf8)
            if random.chance(0.5) {
                for _ in 0..<random.int(1...3) { mutate(&text, &random) }
            }
            let expected = parsed(text).map { whole in whole.objectValue.map { JSONValue.object($0.filter { isKept($0.key) }) } ?? whole }
            #expect(
                JSONValue(parsing: text, keepingMembers: isKept) == expected,
                "iteration \(iteration): \(String(decoding: text, as: UTF8.self).debugDescription)")
        }
    }

    @Test func keepsAStreamedChunksChoicesAndChecksTheRest() {
        let chunk =
            #"{"choices":[{"delta":{"content":"Hi"},"index":0}],"created":1796413901,"id":"chatcmpl-b8","model":"m","object":"chat.completion.chunk"}"#
        let choices: JSONValue = [.object(["delta": .object(["content": "Hi"]), "index": 0])]
        #expect(JSONValue(parsing: Array(chunk.utf8), keepingMembers: { $0 == "choices" }) == .object(["choices": choices]))
        for broken in [#""id":"chat\q""#, #""id":"a"#, "\"id\":\"a\u{01}\"", #""id":[1,}"#, #""id":{"a" 1}"#, #""id":tru"#] {
            let text = #"{"choices":[],"# + broken + "}"
            #expect(JSONValue(parsing: Array(text.utf8), keepingMembers: { $0 == "choices" }) == nil, "\(broken)")
        }
        #expect(JSONValue(parsing: Array("[1]".utf8), keepingMembers: { _ in false }) == [1])
    }

    private func document(depth: Int, _ random: inout FuzzRandom) -> String {
        let space = { (random: inout FuzzRandom) in random.chance(0.7) ? "" : random.pick([" ", "\n", "\t", "\r\n  "]) }
        switch random.int(depth > 4 ? 2...7 : 0...7) {
        case 0, 1:
            let open = random.chance(0.5)
            let count = random.int(0...4)
            var parts: [String] = []
            for index in 0..<count {
                let value = document(depth: depth + 1, &random)
                // Distinct keys: JSONDecoder never reads the value of a repeated key, so it
                // accepts a broken escape there that the parser, reading everything, rejects.
                let key = "\"\(index)" + string(&random).dropFirst()
                parts.append(open ? value : "\(key)\(space(&random)):\(space(&random))\(value)")
            }
            let trailing = count > 0 && random.chance(0.1) ? "," : ""
            let body = parts.map { space(&random) + $0 + space(&random) }.joined(separator: ",") + trailing
            return open ? "[\(body)]" : "{\(body)}"
        case 2, 3: return string(&random)
        case 4, 5: return number(&random)
        default: return random.pick(["true", "false", "null"])
        }
    }

    private func string(_ random: inout FuzzRandom) -> String {
        let pieces = [
            "a", "key", " ", "é", "日本", "🚀", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u0000", "\\ud83d\\ude00", "\\uDBFF\\uDFFF",
            "\\ud800", "\\udc00", "\\u12", "\u{7F}", "\u{1F}", "\\q", "\u{2028}",
        ]
        return "\"" + (0..<random.int(0...5)).map { _ in random.pick(pieces) }.joined() + "\""
    }

    private func number(_ random: inout FuzzRandom) -> String {
        let sign = random.chance(0.3) ? "-" : ""
        let integer = random.pick(["0", "1", "7", "42", "00", "01", "123456789012345", "1234567890123456", "98765432109876543210"])
        let fraction = random.chance(0.3) ? random.pick([".5", ".0001", ".", ".123456789012345678"]) : ""
        // Not on a zero: JSONDecoder rejects some zeros with exponents (see below).
        let exponent = random.chance(0.3) && !integer.hasPrefix("0") ? random.pick(["e5", "E-3", "e+308", "e400", "e-400", "e-320", "e", "E+"]) : ""
        return sign + integer + fraction + exponent
    }

    private func mutate(_ text: inout [UInt8], _ random: inout FuzzRandom) {
        let interesting: [UInt8] = Array("{}[],:\"\\ -0e.tfn".utf8) + [0xFF, 0x01]
        let position = random.int(0...text.count)
        switch random.int(0...2) {
        case 0 where position < text.count: text.remove(at: position)
        case 1 where position < text.count: text[position] = random.pick(interesting)
        default: text.insert(random.pick(interesting), at: position)
        }
    }
}
