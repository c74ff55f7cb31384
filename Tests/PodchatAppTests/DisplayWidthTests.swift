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
}
