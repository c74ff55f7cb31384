import PodchatCore

/// An error report from Runpod, worker-vllm or vLLM, turned into a message a person can read,
/// with the server's whole text kept aside when the message shortens it.
///
/// The shapes (protocol.md §1.3, §3.5; protocol-2026.md): a plain string; a nested object
/// `{"error": {"message": …}}` or older vLLM's `{"object": "error", "message": …}`; the Runpod
/// SDK's JSON string with `error_message` and `error_traceback`; after the SDK's `str()` of a
/// FAILED job's error, a Python repr such as `{'message': 'vLLM returned HTTP 400: {"error":
/// {"message": …}}', 'type': 'worker_error', 'code': None}`, whose inner vLLM message is shown;
/// and an uncaught exception's `handler: <message> \ntraceback: …`, whose first line is shown.
/// A context-length error becomes advice in plain words, with its numbers in
/// ``contextOverflow``. Anything else is shown verbatim.
package struct WorkerErrorMessage: Sendable, Equatable {
    /// What to show: the innermost message, the first line of a traceback, or advice.
    package private(set) var message: String
    /// The server's whole text when ``message`` shortens it (a traceback, a wrapped vLLM body).
    package private(set) var detail: String?
    /// The numbers of a request too long for the model's context, when that is the error.
    package private(set) var contextOverflow: ContextOverflow?

    /// The report in `error`: the value of an `error` key, or a job's `error` field.
    package init(_ error: JSONValue) {
        switch error {
        case .string(let text):
            self.init(text: text)
        case .object, .array, .null, .bool, .number:
            self.init(text: error.encodedText, shown: Self.message(in: error))
        }
    }

    /// The report in an error text (JSON, a Python repr, a traceback or plain words).
    package init(text: String) {
        let trimmed = text.trimmingWhitespace()
        self.init(text: trimmed, shown: Self.message(inText: trimmed))
    }

    private init(text: String, shown extracted: (message: String, detail: String?)) {
        var shown = Self.unwrappingHTTPBody(extracted.message)
        if let firstLine = Self.tracebackHead(shown) { shown = firstLine }
        contextOverflow = ContextOverflow(vLLMMessage: shown)
        message = contextOverflow?.advice ?? shown
        detail = extracted.detail ?? (message == text ? nil : text)
    }

    // MARK: - Finding the message

    /// The message in a JSON value, and the traceback the Runpod SDK puts beside it.
    private static func message(in error: JSONValue) -> (message: String, detail: String?) {
        guard let fields = error.objectValue else { return (error.stringValue ?? error.encodedText, nil) }
        if let text = fields["message"]?.stringValue ?? fields["error_message"]?.stringValue {
            return (message(inText: text).message, fields["error_traceback"]?.stringValue)
        }
        if let inner = fields["error"], inner != .null {
            return message(in: inner)
        }
        return (error.encodedText, nil)
    }

    private static func message(inText text: String) -> (message: String, detail: String?) {
        if text.first == "{", let json = JSONValue(parsing: text), json.objectValue != nil {
            return message(in: json)
        }
        return (pythonReprMessage(in: text) ?? text, nil)
    }

    /// The vLLM message inside worker-vllm's `vLLM returned HTTP 400: <vLLM's JSON body>`;
    /// the text as it is when the body holds no message.
    private static func unwrappingHTTPBody(_ text: String) -> String {
        guard text.hasPrefix("vLLM returned HTTP "), let colon = text.firstRange(of: ": ") else { return text }
        let body = String(text[colon.upperBound...]).trimmingWhitespace()
        guard body.first == "{", let json = JSONValue(parsing: body), json["error"] != nil || json["message"] != nil
        else { return text }
        return message(in: json).message
    }

    /// The first line of an uncaught exception's `handler: <message> \ntraceback: …`, without
    /// the `handler: ` label, or nil when `text` is no traceback.
    private static func tracebackHead(_ text: String) -> String? {
        guard text.contains("\ntraceback:") || text.contains("Traceback (most recent call last)") else { return nil }
        var head = String(text.prefix { $0 != "\n" }).trimmingWhitespace()
        if head.hasPrefix("handler: ") { head = String(head.dropFirst("handler: ".count)) }
        return head.isEmpty ? nil : head
    }

    /// The string after the first `'message': ` in a Python dict repr, unescaped.
    ///
    /// Python quotes a string with `'` unless it contains `'` and no `"`, so both quote styles occur.
    static func pythonReprMessage(in text: String) -> String? {
        for key in ["'message': ", "'error_message': "] {
            guard let keyRange = text.firstRange(of: key) else { continue }
            let rest = text[keyRange.upperBound...]
            guard let quote = rest.first, quote == "'" || quote == "\"" else { continue }
            return pythonStringBody(rest.dropFirst(), quote: quote)
        }
        return nil
    }

    /// The content of a Python string literal whose opening quote is already consumed.
    private static func pythonStringBody(_ text: Substring, quote: Character) -> String? {
        var result = ""
        var isEscaped = false
        for character in text {
            if isEscaped {
                result.append(unescaped(character))
                isEscaped = false
            } else if character == "\\" {
                isEscaped = true
            } else if character == quote {
                return result
            } else {
                result.append(character)
            }
        }
        return nil  // No closing quote: probably truncated, so show the whole text instead.
    }

    private static func unescaped(_ character: Character) -> Character {
        switch character {
        case "n": "\n"
        case "t": "\t"
        case "r": "\r"
        default: character
        }
    }
}
