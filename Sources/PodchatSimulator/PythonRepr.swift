/// A Python value rendered with `repr()`: the form worker-vllm's errors reach the job's `error`
/// field in (the runpod SDK stores `str(error_dict)`, protocol.md §1.9, §3.5).
indirect enum PythonRepr {
    case string(String)
    case int(Int)
    case none
    /// A dict, in insertion order as Python keeps it.
    case dict([(String, PythonRepr)])

    var text: String {
        switch self {
        case .string(let string): Self.quoted(string)
        case .int(let int): String(int)
        case .none: "None"
        case .dict(let pairs): "{" + pairs.map { "\(Self.quoted($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
        }
    }

    /// Python's quoting rule: single quotes, unless the text holds a single quote and no double one.
    private static func quoted(_ string: String) -> String {
        let quote: Character = string.contains("'") && !string.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for character in string {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case quote: result += "\\\(quote)"
            default: result.append(character)
            }
        }
        result.append(quote)
        return result
    }
}
