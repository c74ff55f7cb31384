import PodchatCore
import Testing

/// Deeply nested documents end in an error, not a stack overflow: Foundation's JSONDecoder
/// stops at 512 levels, and everything podchat does with a decoded value recurses no deeper.
@Suite struct JSONDepthTests {
    @Test(arguments: [
        String(repeating: "[", count: 10_000),
        String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
        String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
        String(repeating: "[{\"a\":", count: 300) + "1" + String(repeating: "}]", count: 300),
    ])
    func tooDeepIsAnErrorNotACrash(text: String) {
        #expect(JSONValue(parsing: text) == nil)
        #expect(throws: ConfigError.self) { try Config.parse(text, path: "c.json") }
    }

    @Test func aDocumentJustUnderTheLimitDecodesEncodesAndCompares() throws {
        let depth = 511
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let value = try #require(JSONValue(parsing: text))
        #expect(value.encodedText == text)
        #expect(JSONValue(parsing: value.encodedText) == value)
        var innermost = value
        for _ in 0..<depth { innermost = innermost.arrayValue?.first ?? .null }
        #expect(innermost == .number(1))
    }

    @Test func theConfigSaysTheNestingIsTooDeep() {
        do {
            _ = try Config.parse(#"{"sampling": "# + String(repeating: "[", count: 2_000), path: "c.json")
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix("c.json: is not valid JSON: nesting deeper than 512 levels at line 1, column "))
        }
    }
}
