/// An incremental parser for `text/event-stream` bytes.
///
/// Feed it bytes as they arrive, split anywhere (even inside a multi-byte UTF-8 character or
/// between the `\r` and `\n` of a line end); it buffers bytes and decodes only complete lines.
/// Lines end with `\n`, `\r\n` or `\r`. It follows the WHATWG rules for `data:` (multi-line
/// join), `event:`, `id:` and `:` comments; `retry:` and unknown fields are ignored.
///
/// ```swift
/// var parser = SSEParser()
/// for chunk in chunks { for event in parser.consume(chunk) { handle(event) } }
/// for event in parser.finish() { handle(event) }
/// ```
package struct SSEParser: Sendable {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Bytes of the line not yet ended.
    private var line: [UInt8] = []
    /// A `\r` just ended a line, so a `\n` right after it belongs to the same line end.
    private var skipsNextLineFeed = false
    /// The byte-order mark may only appear before the very first line.
    private var isAtStreamStart = true
    private var dataLines: [String] = []
    private var eventType: String?
    private var lastEventID: String?

    /// A parser at the start of a stream.
    package init() {}

    /// Parses `bytes` and returns the events they complete, in order.
    package mutating func consume(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let consumed: Void? = bytes.withContiguousStorageIfAvailable { consume($0, into: &events) }
        if consumed == nil { Array(bytes).withUnsafeBufferPointer { consume($0, into: &events) } }
        return events
    }

    /// Collects `bytes` into lines a run at a time, between line ends.
    private mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var start = 0
        while start < bytes.count {
            if skipsNextLineFeed {
                skipsNextLineFeed = false
                if bytes[start] == Self.lineFeed {
                    start += 1
                    continue
                }
            }
            var end = start
            while end < bytes.count && bytes[end] != Self.lineFeed && bytes[end] != Self.carriageReturn { end += 1 }
            line.append(contentsOf: bytes[start..<end])
            guard end < bytes.count else { return }
            endLine(into: &events)
            skipsNextLineFeed = bytes[end] == Self.carriageReturn
            start = end + 1
        }
    }

    /// Ends the stream and returns the event still pending, if any.
    ///
    /// Unlike a browser, which drops an event that lacks its closing blank line, this keeps it:
    /// a worker's last output chunk may end without one, and its text is still the reply.
    package mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !line.isEmpty { endLine(into: &events) }
        dispatch(into: &events)
        return events
    }

    /// Handles the line collected so far. Fields are found in the bytes, and only values are
    /// decoded into strings: decoding every line first made the parser the slowest part of a
    /// streamed reply.
    private mutating func endLine(into events: inout [SSEEvent]) {
        defer { line.removeAll(keepingCapacity: true) }
        var start = line.startIndex
        if isAtStreamStart {
            isAtStreamStart = false
            if line.starts(with: Self.byteOrderMark) { start += Self.byteOrderMark.count }
        }
        let text = line[start...]
        guard let first = text.first else { return dispatch(into: &events) }
        guard first != Self.colon else { return }  // A comment, often a keep-alive.
        let colon = text.firstIndex(of: Self.colon) ?? text.endIndex
        var valueStart = min(colon + 1, text.endIndex)
        if valueStart < text.endIndex && text[valueStart] == Self.space { valueStart += 1 }
        let name = text[..<colon]
        let value = text[valueStart...]
        if name.elementsEqual("data".utf8) {
            dataLines.append(String(decoding: value, as: UTF8.self))
        } else if name.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if name.elementsEqual("id".utf8) && !value.contains(0) {
            lastEventID = String(decoding: value, as: UTF8.self)
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            dataLines.removeAll()
            eventType = nil
        }
        // Per the spec an event without data lines is not dispatched.
        guard !dataLines.isEmpty else { return }
        let type = eventType.flatMap { $0.isEmpty ? nil : $0 }
        // Nearly every event has one data line, which joining would copy.
        let data = dataLines.count == 1 ? dataLines[0] : dataLines.joined(separator: "\n")
        events.append(SSEEvent(type: type, data: data, id: lastEventID))
    }
}
