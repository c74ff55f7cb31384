import EndpointClient
import PodchatTestSupport
import Testing

/// The SSE parser against inputs no fixture has: random bytes never crash it, how the network
/// splits a stream never changes the events, and streams built from random events give those
/// events back.
@Suite struct SSEParserFuzzTests {
    /// Bytes that matter to the parser, weighted so random input forms fields and line ends.
    private static let alphabet: [[UInt8]] =
        [
            "data:", "data: ", "event: ", "id: ", "retry: 5", ":", " ", "\n", "\n", "\r", "\r\n", "\n\n", "x", "{}", "[DONE]",
            "é", "😀", "\u{FEFF}", "\u{0}",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0x80]]

    private static func parse(_ chunks: [[UInt8]]) -> [SSEEvent] {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for chunk in chunks { events += parser.consume(chunk) }
        return events + parser.finish()
    }

    @Test func randomBytesGiveTheSameEventsHoweverTheyAreSplit() async {
        await Fuzz.run("SSE parser, random bytes", iterations: 3000) { random, label in
            var bytes: [UInt8] = []
            for _ in 0..<random.int(0...60) {
                bytes += random.chance(0.2) ? [UInt8(truncatingIfNeeded: random.next())] : random.pick(Self.alphabet)
            }
            let whole = Self.parse([bytes])
            #expect(Self.parse(random.split(bytes)) == whole, "\(label)")
            if random.chance(0.1) { #expect(Self.parse(bytes.map { [$0] }) == whole, "\(label), byte by byte") }
        }
    }

    @Test func streamsMadeOfRandomEventsGiveThemBack() async {
        let texts = ["", "x", " leading space", "Grüße", "中文😀", "{\"delta\":{\"content\":\"a\"}}", "[DONE]", "a:b", ": not a comment", "e\u{301}"]
        await Fuzz.run("SSE parser, generated streams", iterations: 2000) { random, label in
            var stream = random.chance(0.2) ? "\u{FEFF}" : ""
            var expected: [SSEEvent] = []
            var lastID: String?
            for _ in 0..<random.int(0...6) {
                let end = random.pick(["\n", "\r\n", "\r"])
                if random.chance(0.3) { stream += ": keep-alive" + end }
                let type = random.chance(0.3) ? random.pick(["delta", "message", "done"]) : nil
                if let type { stream += "event: \(type)" + end }
                if random.chance(0.3) {
                    lastID = "id-\(random.int(0...99))"
                    stream += "id:\(lastID ?? "")" + end
                }
                let lines = (0..<random.int(1...3)).map { _ in random.pick(texts) }
                for line in lines {
                    // After the colon one space is dropped, so a line that starts with a space needs one before it.
                    stream += (line.first == " " || random.chance(0.5) ? "data: " : "data:") + line + end
                }
                stream += end
                expected.append(SSEEvent(type: type, data: lines.joined(separator: "\n"), id: lastID))
            }
            let bytes = Array(stream.utf8)
            #expect(Self.parse(random.split(bytes)) == expected, "\(label): \(stream.debugDescription)")
        }
    }
}
