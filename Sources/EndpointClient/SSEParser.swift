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
        for byte in bytes {
            if skipsNextLineFeed {
                skipsNextLineFeed = false
                if byte == Self.lineFeed { continue }
            }
            switch byte {
            case Self.lineFeed:
                endLine(into: &events)
            case Self.carriageReturn:
                endLine(into: &events)
                skipsNextLineFeed = true
            default:
                line.append(byte)
            }
        }
        return events
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

    private mutating func endLine(into events: inout [SSEEvent]) {
        var text = String(decoding: line, as: UTF8.self)
        line.removeAll(keepingCapacity: true)
        if isAtStreamStart {
            isAtStreamStart = false
            if text.first == "\u{FEFF}" { text.removeFirst() }
        }
        if text.isEmpty {
            dispatch(into: &events)
        } else {
            process(fieldLine: text)
        }
    }

    private mutating func process(fieldLine text: String) {
        guard text.first != ":" else { return }  // A comment, often a keep-alive.
        let name: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            name = text[...]
            value = ""
        }
        switch name {
        case "data": dataLines.append(String(value))
        case "event": eventType = String(value)
        case "id" where !value.contains("\u{0}"): lastEventID = String(value)
        default: break
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
        events.append(SSEEvent(type: type, data: dataLines.joined(separator: "\n"), id: lastEventID))
    }
}
