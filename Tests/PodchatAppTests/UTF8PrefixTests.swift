import Foundation
import Testing

@testable import PodchatApp

/// `hasUTF8Prefix`, the byte comparison a streaming reply makes on every frame: the same
/// answer as `utf8.starts(with:)` for native strings, substrings and bridged ones.
@Suite struct UTF8PrefixTests {
    static let cases: [(text: String, prefix: String)] = [
        ("", ""), ("abc", ""), ("", "a"), ("abc", "abc"), ("abc", "abcd"), ("abc", "ab"), ("abc", "ac"),
        ("héllo wörld", "héllo"), ("héllo", "he"), ("👨‍👩‍👧 family", "👨‍👩‍👧"), ("👨‍👩‍👧", "👨‍👩"),
        ("e\u{301}x", "e"), (String(repeating: "long text ", count: 500), String(repeating: "long text ", count: 499) + "long"),
        (String(repeating: "long text ", count: 500), String(repeating: "long text ", count: 499) + "lung"),
    ]

    @Test(arguments: cases.indices) func agreesWithStartsWith(index: Int) {
        let (text, prefix) = Self.cases[index]
        let expected = text.utf8.starts(with: prefix.utf8)
        #expect(text.hasUTF8Prefix(prefix) == expected)
        #expect(text.hasUTF8Prefix(prefix[...]) == expected, "a substring prefix")
        #expect(("x" + text).dropFirst().hasUTF8Prefix(prefix) == expected, "a substring text")
        // A bridged string may not be stored as contiguous UTF-8: the slow path answers.
        #expect((NSString(string: text) as String).hasUTF8Prefix(NSString(string: prefix) as String) == expected, "bridged")
    }
}
