import CNcursesw
import PodchatApp

/// Maps each semantic ``Style`` to ncurses attributes and a colour pair, once at start-up.
/// Without colours (a monochrome terminal, or `NO_COLOR` set) styles fall back to bold, dim
/// and reverse, which every terminal shows.
struct Palette {
    struct Appearance {
        var attributes: attr_t
        var pair: Int16
    }

    private var appearances: [Style: Appearance] = [:]

    init(useColors: Bool) {
        let colors: [Style: (foreground: Int16, background: Int16)] = [
            .userLabel: (Int16(COLOR_CYAN), -1),
            .assistantLabel: (Int16(COLOR_GREEN), -1),
            .systemLabel: (Int16(COLOR_MAGENTA), -1),
            .error: (Int16(COLOR_RED), -1),
            .panelValueChanged: (Int16(COLOR_YELLOW), -1),
            .panelTitleFocused: (Int16(COLOR_CYAN), -1),
            .panelHeading: (Int16(COLOR_MAGENTA), -1),
            .borderFocused: (Int16(COLOR_CYAN), -1),
            .focusLabel: (Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
            .panelEditing: (Int16(COLOR_WHITE), Int16(COLOR_BLUE)),
            .statusBarAccent: (Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
            .statusBarError: (Int16(COLOR_WHITE), Int16(COLOR_RED)),
            .inputPrompt: (Int16(COLOR_CYAN), -1),
        ]
        var pair: Int16 = 1
        for style in Style.allCases {
            var appearance = Appearance(attributes: Self.attributes(for: style), pair: 0)
            if useColors, let color = colors[style] {
                init_pair(pair, color.foreground, color.background)
                appearance.pair = pair
                pair += 1
            } else if [.statusBarAccent, .statusBarError, .focusLabel, .panelEditing].contains(style) {
                appearance.attributes |= CNcursesw_reverse()
            }
            appearances[style] = appearance
        }
    }

    func appearance(of style: Style) -> Appearance {
        appearances[style] ?? Appearance(attributes: 0, pair: 0)
    }

    private static func attributes(for style: Style) -> attr_t {
        switch style {
        case .normal, .messageText, .inputText, .panelLabel, .panelValue, .panelEditing: return 0
        case .dim, .footer, .placeholder, .border: return CNcursesw_dim()
        case .title, .panelTitle, .userLabel, .assistantLabel, .systemLabel, .panelValueChanged, .inputPrompt, .panelHeading:
            return CNcursesw_bold()
        case .panelTitleFocused, .borderFocused: return CNcursesw_bold()
        case .error, .statusBarAccent, .statusBarError, .focusLabel: return CNcursesw_bold()
        case .statusBar, .panelSelection: return CNcursesw_reverse()
        }
    }
}
