/// How many colours the terminal can show, which decides the theme's palette.
package enum ColorSupport: Sendable, Equatable, CaseIterable {
    /// No colours (a monochrome terminal, or `NO_COLOR` set): attributes only.
    case monochrome
    /// The eight ANSI colours.
    case basic
    /// 256 colours: softer tones and a background for code.
    case extended

    /// What a terminal reporting `colors` colours gets; `NO_COLOR` (any value but empty) wins.
    package static func detect(colors: Int, environment: [String: String]) -> ColorSupport {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if colors >= 256 { return .extended }
        return colors >= 8 ? .basic : .monochrome
    }
}
