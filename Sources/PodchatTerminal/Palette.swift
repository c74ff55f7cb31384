import CNcursesw
import PodchatApp

/// Applies the ``Theme`` to ncurses once at start-up: each style's attributes and a colour pair.
struct Palette {
    struct Attributes {
        var attributes: attr_t
        var pair: Int16
    }

    private var attributes: [Style: Attributes] = [:]

    init(colors: ColorSupport) {
        var pairs: [ColorPairKey: Int16] = [:]
        for style in Style.allCases {
            let look = Theme.appearance(of: style, colors: colors)
            var pair: Int16 = 0
            if look.foreground != nil || look.background != nil {
                let key = ColorPairKey(foreground: look.foreground ?? -1, background: look.background ?? -1)
                if let existing = pairs[key] {
                    pair = existing
                } else {
                    pair = Int16(pairs.count + 1)
                    init_pair(pair, Int16(key.foreground), Int16(key.background))
                    pairs[key] = pair
                }
            }
            attributes[style] = Attributes(attributes: Self.flags(of: look), pair: pair)
        }
    }

    func attributes(of style: Style) -> Attributes {
        attributes[style] ?? Attributes(attributes: 0, pair: 0)
    }

    private static func flags(of look: Appearance) -> attr_t {
        var flags: attr_t = 0
        if look.bold { flags |= CNcursesw_bold() }
        if look.dim { flags |= CNcursesw_dim() }
        if look.italic { flags |= CNcursesw_italic() }
        if look.underline { flags |= CNcursesw_underline() }
        if look.reverse { flags |= CNcursesw_reverse() }
        return flags
    }

    /// A foreground and background, -1 for the terminal's own.
    private struct ColorPairKey: Hashable {
        var foreground: Int
        var background: Int
    }
}
