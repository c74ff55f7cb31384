/// The one place styles get their looks: each semantic ``Style`` mapped to an ``Appearance``
/// for the terminal's ``ColorSupport``. Without colours, the styles that carry meaning (errors,
/// the selection, the status bar, code, links) still differ by attributes.
package enum Theme {
    /// The ANSI colour numbers.
    package enum ANSI {
        package static let black = 0, red = 1, green = 2, yellow = 3, blue = 4, magenta = 5, cyan = 6, white = 7
    }

    package static func appearance(of style: Style, colors: ColorSupport) -> Appearance {
        var look = attributes(of: style)
        switch colors {
        case .monochrome:
            if [.statusBarAccent, .statusBarError, .focusLabel, .panelEditing].contains(style) { look.reverse = true }
            if style == .inlineCode || style == .link { look.underline = true }
            // Shading without colour: each step of doubt gets a stronger attribute.
            if style == .probabilityUnsure { look.italic = true }
            if style == .probabilityDoubtful { look.underline = true }
            if style == .probabilityUnlikely { look.reverse = true }
        case .basic:
            (look.foreground, look.background) = basicColors(of: style)
        case .extended:
            (look.foreground, look.background) = extendedColors(of: style) ?? basicColors(of: style)
        }
        return look
    }

    private static func attributes(of style: Style) -> Appearance {
        switch style {
        case .normal, .messageText, .inputText, .panelLabel, .panelValue, .panelEditing, .codeBlock: return Appearance()
        case .dim, .footer, .placeholder, .border, .codeFrame: return Appearance(dim: true)
        case .title, .panelTitle, .userLabel, .assistantLabel, .systemLabel, .panelValueChanged, .inputPrompt, .panelHeading,
            .panelTitleFocused, .borderFocused, .error, .statusBarAccent, .statusBarError, .focusLabel, .heading, .strong,
            .listMarker:
            return Appearance(bold: true)
        case .emphasis, .quote: return Appearance(italic: true)
        case .thinking: return Appearance(dim: true, italic: true)
        case .thinkingHeading: return Appearance(bold: true, dim: true)
        case .inlineCode, .probabilityUnsure, .probabilityDoubtful, .probabilityUnlikely: return Appearance()
        case .link: return Appearance(underline: true)
        case .statusBar, .panelSelection: return Appearance(reverse: true)
        }
    }

    private static func basicColors(of style: Style) -> (Appearance.Color?, Appearance.Color?) {
        switch style {
        case .userLabel, .inputPrompt, .panelTitleFocused, .borderFocused: return (ANSI.cyan, nil)
        case .assistantLabel, .codeBlock: return (ANSI.green, nil)
        case .systemLabel, .panelHeading, .thinkingHeading: return (ANSI.magenta, nil)
        case .error: return (ANSI.red, nil)
        case .panelValueChanged, .heading, .inlineCode: return (ANSI.yellow, nil)
        case .link: return (ANSI.blue, nil)
        case .focusLabel, .statusBarAccent: return (ANSI.black, ANSI.cyan)
        case .panelEditing: return (ANSI.white, ANSI.blue)
        case .statusBarError, .probabilityUnlikely: return (ANSI.white, ANSI.red)
        case .probabilityUnsure: return (ANSI.yellow, nil)
        case .probabilityDoubtful: return (ANSI.black, ANSI.yellow)
        case .normal, .dim, .border, .title, .messageText, .strong, .emphasis, .codeFrame, .quote, .listMarker, .footer, .thinking,
            .inputText, .panelTitle, .panelSelection, .panelLabel, .panelValue, .statusBar, .placeholder:
            return (nil, nil)
        }
    }

    /// Where 256 colours read better than the eight: code on a dark panel, softer accents.
    private static func extendedColors(of style: Style) -> (Appearance.Color?, Appearance.Color?)? {
        switch style {
        case .codeBlock: return (252, 236)
        case .inlineCode: return (223, 237)
        case .heading: return (214, nil)
        case .link: return (75, nil)
        case .quote: return (245, nil)
        case .probabilityUnsure: return (229, nil)
        case .probabilityDoubtful: return (232, 214)
        case .probabilityUnlikely: return (231, 160)
        case .normal, .dim, .border, .borderFocused, .focusLabel, .title, .userLabel, .assistantLabel, .systemLabel, .messageText,
            .strong, .emphasis, .codeFrame, .listMarker, .footer, .thinking, .thinkingHeading, .error, .inputPrompt, .inputText,
            .panelTitle, .panelTitleFocused, .panelHeading, .panelSelection, .panelEditing, .panelLabel, .panelValue,
            .panelValueChanged, .statusBar, .statusBarAccent, .statusBarError, .placeholder:
            return nil
        }
    }
}
