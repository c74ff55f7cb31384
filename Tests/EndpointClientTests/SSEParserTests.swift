import EndpointClient
import Testing

@Suite struct SSEParserTests {
    /// Streams with the events they hold, written with every line-end style and field kind.
    static let fixtures: [(name: String, text: String, events: [SSEEvent])] = [
        (
            "vLLM chat chunks with multi-byte text",
            "data: {\"t\":\"Grüße\"}\n\ndata: {\"t\":\"中文😀\"}\n\ndata: [DONE]\n\n",
            [SSEEvent(data: "{\"t\":\"Grüße\"}"), SSEEvent(data: "{\"t\":\"中文😀\"}"), SSEEvent(data: "[DONE]")]
        ),
        (
            "CRLF and CR line ends",
            "data: one\r\n\r\ndata: two\r\rdata: three\n\n",
            [SSEEvent(data: "one"), SSEEvent(data: "two"), SSEEvent(data: "three")]
        ),
        (
            "multi-line data, comments, event and id fields",
            ": keep-alive\nevent: delta\nid: 7\ndata: first\ndata:second\n\n: ping\n\ndata:  indented\n\n",
            [SSEEvent(type: "delta", data: "first\nsecond", id: "7"), SSEEvent(data: " indented", id: "7")]
        ),
        (
            "fields without values and unknown fields",
            "data\nretry: 100\nfoo: bar\n\nevent\ndata: x\n\n",
            [SSEEvent(data: ""), SSEEvent(data: "x")]
        ),
        (
            "byte-order mark, empty events and a final event without blank line",
            "\u{FEFF}data: a\n\n\n\nevent: ignored\n\ndata: last",
            [SSEEvent(data: "a"), SSEEvent(data: "last")]
        ),
    ]

    static func parse(_ chunks: [[UInt8]]) -> [SSEEvent] {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for chunk in chunks { events += parser.consume(chunk) }
        return events + parser.finish()
    }

    @Test(arguments: fixtures.indices)
    func parsesWholeStream(_ index: Int) {
        let fixture = Self.fixtures[index]
        #expect(Self.parse([Array(fixture.text.utf8)]) == fixture.events, "\(fixture.name)")
    }

    @Test(arguments: fixtures.indices)
    func givesTheSameEventsWhenSplitAtEveryByteOffset(_ index: Int) {
        let fixture = Self.fixtures[index]
        let bytes = Array(fixture.text.utf8)
        for offset in 0...bytes.count {
            let chunks = [Array(bytes[..<offset]), Array(bytes[offset...])]
            #expect(Self.parse(chunks) == fixture.events, "\(fixture.name), split at \(offset)")
        }
    }

    @Test(arguments: fixtures.indices)
    func givesTheSameEventsFedOneByteAtATime(_ index: Int) {
        let fixture = Self.fixtures[index]
        #expect(Self.parse(fixture.text.utf8.map { [$0] }) == fixture.events, "\(fixture.name)")
    }

    @Test func returnsEachEventAsSoonAsItsBlankLineArrives() {
        var parser = SSEParser()
        #expect(parser.consume(Array("data: a\n".utf8)).isEmpty)
        #expect(parser.consume(Array("\ndata: b".utf8)) == [SSEEvent(data: "a")])
        #expect(parser.consume(Array("\n\n".utf8)) == [SSEEvent(data: "b")])
        #expect(parser.finish().isEmpty)
    }

    @Test func treatsALoneCarriageReturnAtAChunkEndAsALineEnd() {
        var parser = SSEParser()
        #expect(parser.consume(Array("data: a\r".utf8)).isEmpty)
        #expect(parser.consume(Array("\r".utf8)) == [SSEEvent(data: "a")])
        // This \n completes the \r\n begun by the previous chunk, so it is no extra blank line.
        #expect(parser.consume(Array("\ndata: b\n\n".utf8)) == [SSEEvent(data: "b")])
    }

    @Test func replacesInvalidUTF8InsteadOfDroppingTheLine() {
        var parser = SSEParser()
        let events = parser.consume([UInt8]("data: a".utf8) + [0xFF] + [UInt8]("b\n\n".utf8))
        #expect(events == [SSEEvent(data: "a\u{FFFD}b")])
    }
}
