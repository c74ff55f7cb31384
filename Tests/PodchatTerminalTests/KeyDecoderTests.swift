import CNcursesw
import PodchatApp
import PodchatTerminal
import Testing

@Suite struct KeyDecoderTests {
    private func character(_ code: UInt32) -> KeyDecoder.RawKey { .init(code: code, isKeyCode: false) }
    private func keyCode(_ code: Int32) -> KeyDecoder.RawKey { .init(code: UInt32(code), isKeyCode: true) }

    @Test(
        arguments: [
            (13, Key.enter), (9, .tab), (127, .backspace), (8, .backspace), (27, .escape),
            (17, .control("q")), (3, .control("c")), (10, .control("j")), (97, .character("a")),
            (0x65E5, .character("日")), (0x1F600, .character("😀")),
        ] as [(UInt32, Key)])
    func decodesCharacters(code: UInt32, key: Key) {
        #expect(KeyDecoder.decode(character(code)) == key)
    }

    @Test func decodesNcursesKeyCodes() {
        #expect(KeyDecoder.decode(keyCode(KEY_UP)) == .up)
        #expect(KeyDecoder.decode(keyCode(KEY_DOWN)) == .down)
        #expect(KeyDecoder.decode(keyCode(KEY_LEFT)) == .left)
        #expect(KeyDecoder.decode(keyCode(KEY_RIGHT)) == .right)
        #expect(KeyDecoder.decode(keyCode(KEY_HOME)) == .home)
        #expect(KeyDecoder.decode(keyCode(KEY_END)) == .end)
        #expect(KeyDecoder.decode(keyCode(KEY_BACKSPACE)) == .backspace)
        #expect(KeyDecoder.decode(keyCode(KEY_DC)) == .delete)
        #expect(KeyDecoder.decode(keyCode(KEY_PPAGE)) == .pageUp)
        #expect(KeyDecoder.decode(keyCode(KEY_NPAGE)) == .pageDown)
        #expect(KeyDecoder.decode(keyCode(KEY_ENTER)) == .enter)
        #expect(KeyDecoder.decode(keyCode(KEY_F0 + 2)) == .function(2))
        #expect(KeyDecoder.decode(keyCode(KEY_SLEFT)) == .shiftLeft)
        #expect(KeyDecoder.decode(keyCode(KEY_SRIGHT)) == .shiftRight)
        #expect(KeyDecoder.decode(keyCode(KEY_BTAB)) == .backTab)
        #expect(KeyDecoder.decode(keyCode(KEY_MOUSE)) == nil)
    }

    @Test func escapeThenEnterInOneBurstIsAltEnter() {
        #expect(KeyDecoder.keys(from: [character(27), character(13)]) == [.altEnter])
    }

    @Test func aLoneEscapeStaysEscape() {
        #expect(KeyDecoder.keys(from: [character(97), character(27)]) == [.character("a"), .escape])
        #expect(KeyDecoder.keys(from: [character(27), character(27)]) == [.escape, .escape])
    }

    @Test func escapeThenACharacterIsAltWithIt() {
        #expect(KeyDecoder.keys(from: [character(27), character(98)]) == [.alt("b")])
        #expect(KeyDecoder.keys(from: [character(27), character(127)]) == [.altBackspace])
    }

    @Test func escapeThenAnotherKeyIsThatKey() {
        #expect(KeyDecoder.keys(from: [character(27), keyCode(KEY_UP)]) == [.up])
    }

    @Test func podchatsOwnCodesDecode() {
        #expect(KeyDecoder.decode(.init(code: KeyDecoder.Code.controlLeft, isKeyCode: true)) == .controlLeft)
        #expect(KeyDecoder.decode(.init(code: KeyDecoder.Code.controlRight, isKeyCode: true)) == .controlRight)
        #expect(KeyDecoder.decode(.init(code: KeyDecoder.Code.pasteStart, isKeyCode: true)) == nil)
    }

    @Test func customCodesDoNotCollideWithNcurses() {
        for (_, code) in KeyDecoder.customSequences { #expect(Int32(code) > KEY_MAX) }
    }
}
