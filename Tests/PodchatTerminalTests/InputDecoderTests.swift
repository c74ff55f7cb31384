import PodchatApp
import PodchatTerminal
import Testing

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
