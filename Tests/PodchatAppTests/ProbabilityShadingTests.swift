import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// F7: a reply whose tokens came with log probabilities, shaded by how likely each token was,
/// in colour and without, with its least likely tokens and their alternatives named.
@Suite struct ProbabilityShadingTests {
    private static let tokens = [
        TokenLogprob(token: "The", logprob: -0.01),
        TokenLogprob(token: " sky", logprob: -0.3),
        TokenLogprob(token: " is", logprob: -0.05),
        TokenLogprob(
            token: " teal", logprob: -2.5,
            alternatives: [.init(token: " blue", logprob: -0.4), .init(token: " teal", logprob: -2.5), .init(token: " grey", logprob: -1.6)]),
        TokenLogprob(token: ".", logprob: -1.0),
    ]

    private static func answered(_ text: String = "The sky is teal.") throws -> AppHarness {
        var app = AppHarness(size: Size(width: 80, height: 16), parameters: try SamplingParameters.exactly(["logprobs": 3]))
        let id = try app.submit("What colour is the sky?")
        app.receive([.delta(choice: 0, text: text), .logprobs(choice: 0, tokens), .finished(.completed)], for: id)
        return app
    }

    @Test func eachTokenIsShadedByItsProbability() throws {
        #expect(Style.shade(ofProbability: 0.99) == .messageText)
        #expect(Style.shade(ofProbability: 0.74) == .probabilityUnsure)
        #expect(Style.shade(ofProbability: 0.37) == .probabilityDoubtful)
        #expect(Style.shade(ofProbability: 0.08) == .probabilityUnlikely)
        var app = try Self.answered()
        #expect(!app.screen.lines.contains { $0.contains("least likely") }, "not shaded until F7")
        app.press(.function(7))
        #expect(app.state.window.notice?.text.hasPrefix("Shaded by probability") == true)
        // Token and percentage are held together by no-break spaces.
        let lines = app.screen.lines.map { String($0.map { $0 == "\u{A0}" ? " " : $0 }) }
        #expect(lines.contains { $0.contains("least likely: ' teal' 8 % · instead:") })
        #expect(lines.contains { $0.contains("' blue' 67 %, ' grey' 20 %") })
        #expect(lines.contains { $0.contains("least likely: '.' 37 %") })
        expectSnapshot(of: app.screen, named: "shaded-reply")
        app.press(.function(7))
        #expect(!app.screen.lines.contains { $0.contains("least likely") })
    }

    /// The screen's rows, no-break spaces read as spaces.
    private static func lines(_ app: AppHarness) -> [String] {
        app.screen.lines.map { String($0.map { $0 == "\u{A0}" ? " " : $0 }) }
    }

    @Test func theTokenCursorShowsEachTokensProbabilityAndAlternatives() throws {
        var app = try Self.answered()
        app.press(.function(7))
        app.press(.tab)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
        app.press(.right)
        #expect(app.state.viewport.cursor == 1 && app.state.viewport.tokenCursor == 0)
        #expect(Self.lines(app).contains { $0.contains("token 1/5 'The' 99 %") })
        for _ in 0..<3 { app.press(.right) }
        let screen = Self.lines(app).map { $0.split(separator: "│").first.map { $0.trimmingWhitespace } ?? "" }.joined(separator: " ")
        #expect(screen.contains("token 4/5 ' teal' 8 % · alternatives: ' blue' 67 %, ' grey' 20 %"), "\(screen)")
        expectSnapshot(of: app.screen, named: "token-cursor")
        // It stops at the ends.
        for _ in 0..<5 { app.press(.right) }
        #expect(app.state.viewport.tokenCursor == 4)
        for _ in 0..<9 { app.press(.left) }
        #expect(app.state.viewport.tokenCursor == 0)
        // Moving to another message leaves the tokens.
        app.press(.character("k"))
        #expect(app.state.viewport.tokenCursor == nil)
        #expect(!Self.lines(app).contains { $0.contains("token 1/5") })
    }

    @Test func theTokenCursorNeedsShadingAndLogProbabilities() throws {
        var app = try Self.answered()
        app.press(.tab)
        app.press(.tab)
        app.press(.right)
        #expect(app.state.viewport.tokenCursor == nil)
        #expect(app.state.window.notice?.text.contains("(F7)") == true)
        var plain = AppHarness()
        try plain.exchange("hi", reply: "hello")
        plain.press(.function(7))
        plain.press(.tab)
        plain.press(.tab)
        plain.press(.right)
        #expect(plain.state.viewport.tokenCursor == nil)
        #expect(plain.state.window.notice?.text.hasPrefix("No reply here has log probabilities to walk") == true)
    }

    @Test func aReplyWhoseTokensDoNotSpellItsTextIsNotShaded() throws {
        var app = try Self.answered("The sky is blue, repaired.")
        app.press(.function(7))
        #expect(!app.screen.lines.contains { $0.contains("least likely") })
        #expect(app.screen.lines.contains { $0.contains("The sky is blue, repaired.") })
    }

    @Test func withoutLogProbabilitiesF7SaysWhatToSet() throws {
        var app = AppHarness()
        try app.exchange("hi", reply: "hello")
        app.press(.function(7))
        #expect(app.state.window.notice?.text.hasPrefix("No reply has log probabilities: set logprobs") == true)
    }

    @Test func theShadesDifferInColourAndWithout() {
        let shades: [Style] = [.messageText, .probabilityUnsure, .probabilityDoubtful, .probabilityUnlikely]
        for colors in [ColorSupport.monochrome, .basic, .extended] {
            let looks = shades.map { Theme.appearance(of: $0, colors: colors) }
            #expect(Set(looks.map { "\($0)" }).count == shades.count, "\(colors): every shade looks different")
        }
    }
}
