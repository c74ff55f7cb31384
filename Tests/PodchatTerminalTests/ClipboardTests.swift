import PodchatTerminal
import Testing

@Suite struct ClipboardTests {
    @Test func osc52CarriesTheTextInBase64() {
        #expect(Clipboard.osc52("hi ✓") == "\u{1B}]52;c;aGkg4pyT\u{07}")
    }
}
