import PodchatCore

/// A Python value rendered with `repr()`: the form worker-vllm's errors reach the job's `error`
/// field in (the runpod SDK stores `str(error_dict)`, protocol.md §1.9, §3.5), and the form
/// pydantic's validation errors take inside vLLM's messages.
indirect enum PythonRepr {
    case string(String)
    case int(Int)
    case float(Double)
    case bool(Bool)
    case none
    /// A dict, in insertion order as Python keeps it.
    case dict([(String, PythonRepr)])
    case list([PythonRepr])
    case tuple([PythonRepr])
    /// Text that is already a repr, such as an exception's `VLLMValidationError('…')`.
    case raw(String)

    /// A JSON value as Python's `json.loads` would give it. Objects come out with sorted keys:
    /// `JSONValue` does not keep the order a body was sent in, which Python would.
    init(json: JSONValue) {
        switch json {
        case .null: self = .none
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = json.intValue.map(PythonRepr.int) ?? .float(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(items.map(PythonRepr.init(json:)))
        case .object(let fields): self = .dict(fields.sorted { $0.key < $1.key }.map { ($0.key, PythonRepr(json: $0.value)) })
        }
    }

    var text: String {
        switch self {
        case .string(let string): Self.quoted(string)
        case .int(let int): String(int)
        case .float(let float): "\(float)"
        case .bool(let flag): flag ? "True" : "False"
        case .none: "None"
        case .dict(let pairs): "{" + pairs.map { "\(Self.quoted($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .tuple(let items): "(" + items.map(\.text).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        case .raw(let text): text
        }
    }

    /// Python's quoting rule: single quotes, unless the text holds a single quote and no double one.
    static func quoted(_ string: String) -> String {
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
