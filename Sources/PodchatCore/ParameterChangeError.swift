/// Why a typed parameter change (`temperature=0.2`) cannot be used.
package struct ParameterChangeError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Problem: Sendable, Equatable {
        /// No `=` between the name and the value.
        case missingEquals
        /// A name podchat does not know as a sampling parameter.
        case unknownName(String)
        /// A known parameter with a value of the wrong type or out of range.
        case invalidValue(SamplingParameterError)
        /// The same parameter twice in one spec, where the second would silently win.
        case repeated(String)
        /// A quote opened and never closed.
        case unclosedQuote
    }

    /// The assignment (or the whole spec, for an unclosed quote) as it was typed.
    package var assignment: String
    package var problem: Problem

    /// The reason alone; `examplePrefix` goes before the example of a well-formed change, so
    /// the command line can say `--set temperature=0.7`.
    package func reason(examplePrefix: String = "") -> String {
        switch problem {
        case .missingEquals: return "write NAME=VALUE, e.g. \(examplePrefix)temperature=0.7"
        case .unknownName(let name):
            let known = SamplingParameter.all.map(\.name).joined(separator: ", ")
            return "\(name) is not a sampling parameter (known: \(known))"
        case .invalidValue(let error): return "\(error)"
        case .repeated(let name): return "\(name) is given more than once"
        case .unclosedQuote: return "a quote is not closed"
        }
    }

    package var description: String { "\(assignment): \(reason())" }
}
