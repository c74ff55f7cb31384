import PodchatApp
import PodchatTestSupport
import Testing

@Suite struct TextWrapperTests {
    init() { TestLocale.useUTF8() }

    @Test(arguments: [
        // (text, width, expected lines)
        ("hello world", 20, ["hello world"]),
        ("hello world", 5, ["hello", "world"]),
        ("hello world", 8, ["hello", "world"]),
        ("hello  world", 7, ["hello", "world"]),
        ("a b c d e f", 3, ["a b", "c d", "e f"]),
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("one twothreefour", 6, ["one", "twothr", "eefour"]),
        ("", 10, [""]),
        ("line one\nline two", 20, ["line one", "line two"]),
        ("para\n\nnext", 10, ["para", "", "next"]),
        ("trailing   ", 8, ["trailing"]),
        ("  indented text", 10, ["  indented", "text"]),
        ("tab\there", 20, ["tab here"]),
        ("x\ty", 20, ["x   y"]),
    ])
    func wrapsAsciiText(text: String, width: Int, expected: [String]) {
        #expect(TextWrapper.wrap(text, width: width) == expected)
    }

    @Test func wrapsDoubleWidthTextWithoutSplittingAGlyph() {
        #expect(TextWrapper.wrap("コンピュータ上で", width: 9) == ["コンピュ", "ータ上で"])
    }

    @Test func breaksCjkBetweenAnyTwoCharacters() {
        #expect(TextWrapper.wrap("日本語のテキスト", width: 6) == ["日本語", "のテキ", "スト"])
    }

    @Test func mixesCjkAndLatinWords() {
        #expect(TextWrapper.wrap("hello 世界 and more", width: 10) == ["hello 世界", "and more"])
    }

    @Test func countsEmojiAsTwoColumns() {
        #expect(TextWrapper.wrap("😀😀😀", width: 5) == ["😀😀", "😀"])
    }

    @Test func keepsCombiningMarksWithTheirBase() {
        let text = "cafe\u{301} cafe\u{301}"
        #expect(TextWrapper.wrap(text, width: 4) == ["cafe\u{301}", "cafe\u{301}"])
    }

    @Test(arguments: [1, 2, 3, 7, 13, 40])
    func neverProducesALineWiderThanTheWidth(width: Int) {
        let text = "The quick brown fox — 速い茶色の狐 — jumps over 😀 the lazy dog.\nA second paragraph with averyveryverylongwordthatmustbecut."
        for line in TextWrapper.wrap(text, width: width) {
            #expect(DisplayWidth.of(line) <= max(width, 2), "\(line) at width \(width)")
        }
    }

    @Test func wrappingLosesNoVisibleCharacter() {
        let text = "Lorem ipsum dolor sit amet, 日本語 mixed with emoji 🎉 and words."
        let joined = TextWrapper.wrap(text, width: 11).joined()
        #expect(joined.filter { $0 != " " } == text.filter { $0 != " " })
    }

    @Test func zeroWidthGivesNoLines() {
        #expect(TextWrapper.wrap("text", width: 0).isEmpty)
    }
}
