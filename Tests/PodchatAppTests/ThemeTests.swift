import PodchatApp
import Testing

@Suite struct ThemeTests {
    /// Styles that carry meaning and must never look like plain text.
    private static let meaningful: [Style] = [
        .error, .statusBar, .statusBarAccent, .statusBarError, .panelSelection, .panelEditing, .focusLabel, .heading,
        .strong, .emphasis, .inlineCode, .link, .userLabel, .assistantLabel, .panelValueChanged, .footer, .dim, .quote,
    ]

    @Test(arguments: ColorSupport.allCases)
    func meaningfulStylesStandOutInEveryPalette(colors: ColorSupport) {
        for style in Self.meaningful {
            #expect(!Theme.appearance(of: style, colors: colors).isPlain, "\(style) is plain with \(colors)")
        }
    }

    @Test func monochromeUsesNoColours() {
        for style in Style.allCases {
            let look = Theme.appearance(of: style, colors: .monochrome)
            #expect(look.foreground == nil && look.background == nil, "\(style)")
        }
    }

    @Test func basicUsesOnlyTheEightColoursAndNeverTheSameTwice() {
        for style in Style.allCases {
            let look = Theme.appearance(of: style, colors: .basic)
            for color in [look.foreground, look.background].compactMap({ $0 }) { #expect((0...7).contains(color), "\(style)") }
            if let foreground = look.foreground, let background = look.background { #expect(foreground != background, "\(style)") }
        }
    }

    @Test func extendedSetsCodeOnItsOwnBackground() {
        #expect(Theme.appearance(of: .codeBlock, colors: .extended).background != nil)
    }

    @Test(arguments: [
        (256, [String: String](), ColorSupport.extended), (8, [:], .basic), (0, [:], .monochrome),
        (256, ["NO_COLOR": "1"], .monochrome), (256, ["NO_COLOR": ""], .extended), (16, [:], .basic),
    ])
    func detection(colors: Int, environment: [String: String], expected: ColorSupport) {
        #expect(ColorSupport.detect(colors: colors, environment: environment) == expected)
    }
}
