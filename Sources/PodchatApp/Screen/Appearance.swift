/// How a ``Style`` looks on a terminal: colours (nil is the terminal's own) and attributes.
package struct Appearance: Sendable, Equatable {
    /// A terminal colour: one of the eight ANSI colours (0–7) or, on 256-colour terminals, an
    /// index into the xterm palette.
    package typealias Color = Int

    package var foreground: Color?
    package var background: Color?
    package var bold = false
    package var dim = false
    package var italic = false
    package var underline = false
    package var reverse = false

    package init(
        foreground: Color? = nil, background: Color? = nil, bold: Bool = false, dim: Bool = false,
        italic: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    /// Whether it looks like the terminal's plain text.
    package var isPlain: Bool { self == Appearance() }
}
