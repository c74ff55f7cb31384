import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct DisplayWidthTests {
    init() { TestLocale.useUTF8() }

    @Test(
        arguments: [
            ("a", 1), ("é", 1), ("中", 2), ("😀", 2), ("❤️", 2), ("e\u{301}", 1), ("\u{1B}", 1), ("\u{7}", 1),
        ] as [(Character, Int)])
    func measuresCharacters(character: Character, width: Int) {
        #expect(DisplayWidth.of(character) == width)
    }

    @Test func measuresStrings() {
        #expect(DisplayWidth.of("abc中文😀") == 9)
    }

    /// A string measures as its characters do, whether it takes the printable-ASCII shortcut or
    /// not: CR LF is one character, one placeholder column.
    @Test(arguments: ["", "Esc stop", " F1 help ", "a\r\nb", "tab\there", "\u{7F}", "\u{1B}[31m", "x · y", "naïve", "e\u{301}"])
    func measuresStringsAsTheirCharacters(text: String) {
        #expect(DisplayWidth.of(text) == text.reduce(0) { $0 + DisplayWidth.of($1) })
    }
}
