import PodchatCore
import PodchatTestSupport
import Testing

/// ``JSONValue/prettyText(upTo:)``: the beginning of ``JSONValue/prettyText`` without the rest.
@Suite struct PrettyJSONWriterTests {
    @Test(arguments: [
        JSONValue.null, true, 0, -0.0, 3, 1.5, 1e300, 0.1, 123_456_789_012, "", "x/\"\u{1}\n é\t👍🏽",
        .array([]), .object([:]), .array([.array([])]), .object(["k": .object([:])]), .array([1, .null, "a"]),
        .object(["b": 1, "a": .array([true, .object(["z": 2, "y": .array([])])]), "10": "9"]),
    ])
    func writesWhatJSONEncoderWrites(_ value: JSONValue) {
        #expect(value.prettyText(upTo: .max) == value.prettyText)
    }

    @Test func writesGeneratedValuesAsJSONEncoderDoes() async {
        await Fuzz.run("pretty JSON", iterations: 300) { random, label in
            let value = Self.value(depth: 0, &random)
            let whole = value.prettyText
            #expect(value.prettyText(upTo: .max) == whole, "\(label)")
            let limit = random.int(0...whole.count + 5)
            let beginning = value.prettyText(upTo: limit)
            #expect(beginning.count >= min(limit, whole.count), "\(label): \(limit)")
            #expect(beginning.prefix(limit) == whole.prefix(limit), "\(label): \(limit)")
        }
    }

    @Test func stopsEarlyInALargeValue() {
        // A 2,000-token job answer: its whole text is about 600,000 characters.
        let chunk = JSONValue.string(String(repeating: "data: {\"choices\":[]}\n\n", count: 12))
        let answer = JSONValue.object([
            "id": "job", "status": "COMPLETED", "output": .array(Array(repeating: chunk, count: 2000)),
        ])
        let beginning = answer.prettyText(upTo: 6001)
        #expect(beginning.count < 6001 + 400)
        #expect(answer.prettyText.hasPrefix(beginning.prefix(6001)))
    }

    @Test func cutsALongStringAndClosesItAfterTheLimit() {
        let value = JSONValue.object(["text": .string(String(repeating: "é", count: 100_000))])
        let beginning = value.prettyText(upTo: 50)
        #expect(beginning.count == 50 + 2)
        #expect(beginning.hasSuffix("\""))
        #expect(value.prettyText.hasPrefix(beginning.dropLast()))
    }

    private static func value(depth: Int, _ random: inout FuzzRandom) -> JSONValue {
        switch random.int(depth > 3 ? 2...7 : 0...7) {
        case 0: return .array((0..<random.int(0...4)).map { _ in value(depth: depth + 1, &random) })
        case 1:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.int(0...4) { members[string(&random)] = value(depth: depth + 1, &random) }
            return .object(members)
        case 2, 3: return .string(string(&random))
        case 4, 5: return .number(random.pick([0, -0.0, 1, 42, -7.25, 1e-7, 1e21, 123_456_789.123, 0.1]))
        default: return random.pick([.bool(true), .bool(false), .null])
        }
    }

    private static func string(_ random: inout FuzzRandom) -> String {
        let pieces = ["a", "Z", "9", " ", "\"", "\\", "/", "\n", "\u{1}", "é", "e\u{301}", "日本", "👍🏽", "\u{7F}"]
        return (0..<random.int(0...6)).map { _ in random.pick(pieces) }.joined()
    }
}
