import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The transcript's rows kept between frames (``TranscriptCache/draw(_:in:on:)``): whatever
/// happens between two frames, a screen drawn with the cache is the screen drawn afresh. Rows
/// that scrolled are copied from where they were; rows that changed are written again.
@Suite struct TranscriptDrawnRowsTests {
    /// What may happen between two frames while a reply streams.
    enum Step: CaseIterable {
        case text, newLine, lineUp, lineDown, pageUp, pageDown, rowsToggle, resize, focus, clock
    }

    /// Applies `step` to `app`, streaming reply `id`; `round` varies what it brings.
    static func apply(_ step: Step, round: Int, to app: inout AppHarness, id: RequestID) {
        switch step {
        case .text: app.receive([.delta(choice: 0, text: "word\(round) **bold** `code` ")], for: id)
        case .newLine: app.receive([.delta(choice: 0, text: round % 3 == 0 ? "\n\n- item \(round)\n" : "\n")], for: id)
        case .lineUp: app.press(.up)
        case .lineDown: app.press(.down)
        case .pageUp: app.press(.pageUp)
        case .pageDown: app.press(.pageDown)
        case .rowsToggle: app.press(.function(round % 2 == 0 ? 4 : 6))
        case .resize: app.send(.resized(round % 2 == 0 ? Size(width: 70, height: 20) : Size(width: 100, height: 30)))
        case .focus: app.press(.tab)
        case .clock: app.advance(toSeconds: Double(round) / 10)
        }
    }

    @Test func aStreamedReplyWithScrollingAndResizesDrawsAsAfresh() throws {
        var app = AppHarness(size: Size(width: 80, height: 24))
        for turn in 1...4 { try app.exchange("question \(turn)", reply: "answer \(turn)\n\nwith a second paragraph") }
        let id = try app.submit("go on")
        let cache = TranscriptCache()
        var random = FuzzRandom(seed: 11)
        for round in 0..<600 {
            let step = Step.allCases[random.int(0...Step.allCases.count - 1)]
            Self.apply(step, round: round, to: &app, id: id)
            #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state), "round \(round), after \(step)")
        }
        app.receive([.finished(.completed)], for: id)
        #expect(AppView.render(app.state, cache: cache) == AppView.render(app.state))
    }

    @Test func rowsThatScrolledUpKeepTheirCells() throws {
        var app = AppHarness(size: Size(width: 60, height: 16))
        let id = try app.submit("a long one")
        let cache = TranscriptCache()
        for line in 1...40 {
            app.receive([.delta(choice: 0, text: "line \(line) of the reply\n")], for: id)
            let drawn = AppView.render(app.state, cache: cache)
            #expect(drawn == AppView.render(app.state), "after line \(line)")
            #expect(drawn.lines.contains { $0.contains("line \(line) of the reply") })
        }
    }
}
