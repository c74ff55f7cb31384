import CNcursesw
import PodchatApp
import PodchatTerminal
import Testing

@Suite struct KeyDecoderTests {
    private func character(_ code: UInt32) -> KeyDecoder.RawKey { .init(code: code, isKeyCode: false) }
    private func keyCode(_ code: Int32) -> KeyDecoder.RawKey { .init(code: UInt32(code), isKeyCode: true) }

    @Test(arguments: [
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

@Suite struct InputDecoderTests {
    private func text(_ string: String) -> [InputDecoder.RawInput] {
        string.unicodeScalars.map { .key(.init(code: $0.value, isKeyCode: false)) }
    }
    private let pasteStart = InputDecoder.RawInput.key(.init(code: KeyDecoder.Code.pasteStart, isKeyCode: true))
    private let pasteEnd = InputDecoder.RawInput.key(.init(code: KeyDecoder.Code.pasteEnd, isKeyCode: true))

    @Test func aPasteIsOneEventWithItsNewlines() {
        var decoder = InputDecoder()
        let events = decoder.events(from: text("a") + [pasteStart] + text("line 1\rline 2\r\nline 3") + [pasteEnd] + text("b"))
        #expect(events == [.keyPressed(.character("a")), .pasted("line 1\nline 2\nline 3"), .keyPressed(.character("b"))])
    }

    @Test func aPasteMaySpanReads() {
        var decoder = InputDecoder()
        #expect(decoder.events(from: [pasteStart] + text("first\r")) == [])
        #expect(decoder.isInPaste)
        #expect(decoder.events(from: text("second") + [pasteEnd]) == [.pasted("first\nsecond")])
        #expect(!decoder.isInPaste)
    }

    @Test func enterAndEscapeInsideAPasteAreText() {
        var decoder = InputDecoder()
        let events = decoder.events(from: [pasteStart] + text("x\u{1B}[2Jy\r") + [pasteEnd])
        #expect(events == [.pasted("x\u{1B}[2Jy\n")])
    }

    @Test func mouseAndResizeKeepTheirPlaceAmongKeys() {
        var decoder = InputDecoder()
        let mouse = MouseEvent(.wheelUp, at: Point(x: 3, y: 4))
        let events = decoder.events(from: text("a") + [.mouse(mouse)] + text("b") + [.resized(Size(width: 10, height: 5))])
        #expect(events == [.keyPressed(.character("a")), .mouse(mouse), .keyPressed(.character("b")), .resized(Size(width: 10, height: 5))])
    }
}

@Suite struct ClipboardTests {
    @Test func osc52CarriesTheTextInBase64() {
        #expect(Clipboard.osc52("hi ✓") == "\u{1B}]52;c;aGkg4pyT\u{07}")
    }
}
