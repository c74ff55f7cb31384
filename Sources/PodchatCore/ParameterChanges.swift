/// Sampling parameter changes as a person types them: one `temperature=0.2` (`ask --set`), or
/// a whole spec such as `temperature=1.2 top_p=0.9` (one side of `ask --compare`, later the
/// chat window's `/compare`), each value checked against its ``SamplingParameter``.
package struct ParameterChanges: Sendable, Equatable {
    /// One checked `name=value`.
    package struct Assignment: Sendable, Equatable {
        package var parameter: SamplingParameter
        package var value: JSONValue
        /// The assignment as typed, for labels: `stop='["END"]'`.
        package var text: String
    }

    /// The changes in the order they were given.
    package private(set) var assignments: [Assignment]

    package init(_ assignments: [Assignment] = []) {
        self.assignments = assignments
    }

    /// One `name=value`, the value read as ``SamplingParameter/parse(_:)`` reads it (no
    /// unquoting: the shell has done that for a command-line flag).
    package static func assignment(_ text: String) throws(ParameterChangeError) -> Assignment {
        guard let equals = text.firstIndex(of: "=") else { throw ParameterChangeError(assignment: text, problem: .missingEquals) }
        return try assignment(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]), given: text)
    }

    /// A whole spec: assignments separated by spaces or commas. A separator only splits where
    /// the next `name=` begins, so `stop_token_ids=1,2,3` and `stop=two words` keep their
    /// commas and spaces; quotes and brackets keep theirs too. A value in single quotes
    /// (`stop='["END", "###"]'`) is used without them, one in double quotes as the JSON string
    /// it is. Each parameter may appear once.
    package init(parsing spec: String) throws(ParameterChangeError) {
        var assignments: [Assignment] = []
        for token in try Self.tokens(of: spec) {
            guard let equals = token.firstIndex(of: "=") else { throw ParameterChangeError(assignment: token, problem: .missingEquals) }
            let name = String(token[..<equals])
            let value = Self.unquoted(String(token[token.index(after: equals)...]))
            let assignment = try Self.assignment(name: name, value: value, given: token)
            if assignments.contains(where: { $0.parameter == assignment.parameter }) {
                throw ParameterChangeError(assignment: token, problem: .repeated(name))
            }
            assignments.append(assignment)
        }
        self.assignments = assignments
    }

    /// `base` with every change made, in order (a later change of the same parameter wins).
    package func applied(to base: SamplingParameters) -> SamplingParameters {
        var parameters = base
        for assignment in assignments {
            // Checked when parsed, so setting cannot fail.
            try? parameters.set(assignment.parameter, exactly: assignment.value)
        }
        return parameters
    }

    /// The value this set of changes gives `parameter`, if it changes it.
    package func value(of parameter: SamplingParameter) -> JSONValue? {
        assignments.last { $0.parameter == parameter }?.value
    }

    /// The changed values by name, for JSON reports.
    package var values: [String: JSONValue] {
        Dictionary(assignments.map { ($0.parameter.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// The changes as typed, separated by spaces: `temperature=0.2 top_p=0.9`; empty for none.
    package var text: String {
        assignments.map(\.text).joined(separator: " ")
    }

    private static func assignment(name: String, value: String, given: String) throws(ParameterChangeError) -> Assignment {
        guard let parameter = SamplingParameter.named(name) else {
            throw ParameterChangeError(assignment: given, problem: .unknownName(name))
        }
        switch parameter.parse(value) {
        case .success(let parsed): return Assignment(parameter: parameter, value: parsed, text: given)
        case .failure(let error): throw ParameterChangeError(assignment: given, problem: .invalidValue(error))
        }
    }

    /// The spec cut into assignments at the separators that come before a `name=`.
    private static func tokens(of spec: String) throws(ParameterChangeError) -> [String] {
        var scanner = SpecScanner(Array(spec))
        var tokens: [String] = []
        scanner.skipSeparators()
        while !scanner.isAtEnd {
            tokens.append(scanner.nextToken())
        }
        if scanner.openQuote != nil { throw ParameterChangeError(assignment: spec, problem: .unclosedQuote) }
        return tokens
    }

    /// `'text'` without its quotes, `"text"` decoded as a JSON string; anything else as it is.
    private static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let first = value.first, first == value.last else { return value }
        switch first {
        case "'": return String(value.dropFirst().dropLast())
        case "\"": return JSONValue(parsing: value)?.stringValue ?? value
        default: return value
        }
    }
}
