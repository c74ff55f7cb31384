import PodchatCore

/// Turns the error values Runpod and worker-vllm produce into a message a person can read.
///
/// The shapes (protocol.md §1.3, §3.5): a plain string; a nested object
/// `{"error": {"message": …}}`; the Runpod SDK's JSON string with `error_message`; and, after
/// the SDK's `str()` conversion of a FAILED job, a Python repr such as
/// `{'message': 'vLLM returned HTTP 404: …', 'type': 'worker_error', 'code': None}`.
/// Messages are extracted when they can be found and shown verbatim otherwise.
package enum WorkerErrorMessage {
    /// The readable message inside `error`, the value of an `error` key or a job's `error` field.
    package static func readable(_ error: JSONValue) -> String {
        switch error {
        case .string(let text):
            return readable(text)
        case .object(let fields):
            if let message = fields["message"]?.stringValue ?? fields["error_message"]?.stringValue {
                return message
            }
            if let inner = fields["error"], inner != .null {
                return readable(inner)
            }
            return error.encodedText
        default:
            return error.encodedText
        }
    }

    /// The readable message inside an error string (JSON, Python repr, or plain text).
    package static func readable(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        if trimmed.first == "{", let json = JSONValue(parsing: trimmed), json.objectValue != nil {
            return readable(json)
        }
        return pythonReprMessage(in: trimmed) ?? trimmed
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
