extension String {
    /// This text in double quotes, safe inside a one-line message on a terminal: quotes and
    /// backslashes are escaped, and line breaks, other controls and bidi overrides become
    /// `\u{…}`, so a key read from a file can neither break the line nor steer the terminal.
    package var quotedForMessage: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
