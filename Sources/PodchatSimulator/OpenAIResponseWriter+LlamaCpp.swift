import PodchatCore

extension OpenAIResponseWriter {
    /// The streamed reply as llama.cpp's server (llama-cpp-python 0.3.36) wrote it in the
    /// real-server lane: Python `json.dumps` text, a `: ping` comment line (which llama.cpp
    /// sends every 15 s; here after the second event), the first choice only (it ignores `n`),
    /// and no usage event (it ignores `stream_options.include_usage`).
    func llamaCppEvents() -> [Event] {
        var plain = self
        plain.llamaCppStyle = false
        plain.includeUsage = false
        var events: [Event] = []
        for event in plain.events() {
            let payload = event.text.dropFirst("data: ".count).dropLast(2)
            guard event.text.hasPrefix("data: {"), let json = JSONValue(parsing: String(payload)) else {
                events.append(event)  // `[DONE]`
                continue
            }
            guard (json["choices"]?.arrayValue?.first?["index"]?.intValue ?? 0) == 0 else { continue }
            events.append(Event(step: event.step, text: "data: " + json.pythonJSONText + "\n\n"))
            if events.count == 2 { events.append(Event(step: event.step, text: ": ping - 2026-12-03 18:50:09.161777+00:00\n\n")) }
        }
        return events
    }
}

extension JSONValue {
    /// This value as Python's `json.dumps` writes it by default: `", "` and `": "` between
    /// items and every character outside printable ASCII as a `\uXXXX` escape (UTF-16, so a
    /// character beyond the BMP is two).
    var pythonJSONText: String {
        switch self {
        case .string(let text): return Self.pythonQuoted(text)
        case .array(let items): return "[" + items.map(\.pythonJSONText).joined(separator: ", ") + "]"
        case .object(let fields):
            let members = fields.sorted { $0.key < $1.key }.map { Self.pythonQuoted($0.key) + ": " + $0.value.pythonJSONText }
            return "{" + members.joined(separator: ", ") + "}"
        default: return encodedText
        }
    }

    private static func pythonQuoted(_ text: String) -> String {
        var quoted = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: quoted += "\\\""
            case 0x5C: quoted += "\\\\"
            case 0x0A: quoted += "\\n"
            case 0x0D: quoted += "\\r"
            case 0x09: quoted += "\\t"
            case 0x08: quoted += "\\b"
            case 0x0C: quoted += "\\f"
            case 0x20..<0x7F: quoted.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return quoted + "\""
    }
}
