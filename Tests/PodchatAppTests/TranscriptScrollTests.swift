import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// The transcript wraps only the messages that reach the screen; whatever the scroll position,
/// it must show exactly the rows the whole transcript has there.
@Suite struct TranscriptScrollTests {
    private static let width = 60

    private let conversation = storedConversation(
        id: "c1", title: "Long", updatedAt: 0,
        messages: (1...40).map { "message \($0): " + String(repeating: "word ", count: $0 % 9 * 7) })

    /// The conversation loaded in a terminal `height` rows tall (too narrow for the panel, so
    /// Tab goes straight to the transcript), scrolled up `rows` rows.
    private func loaded(height: Int, scrolledUp rows: Int = 0) -> AppHarness {
        var app = AppHarness(size: Size(width: Self.width, height: height))
        app.send(.conversationLoaded(conversation))
        app.press(.tab)
        for _ in 0..<rows { app.press(.up) }
        return app
    }

    private func transcriptHeight(_ height: Int) throws -> Int {
        try #require(ScreenLayout(size: Size(width: Self.width, height: height), inputRows: 1, showsPanel: false)).transcript.height
    }

    @Test func everyScrollPositionShowsTheRowsOfTheWholeTranscript() throws {
        let height = 16
        let rows = try transcriptHeight(height)
        // Scrolled past the top, the marker counts every line below the screen.
        let top = loaded(height: height, scrolledUp: 10_000).screen.lines
        #expect(top[0].hasPrefix("You"))
        let marker = try #require(top[rows - 1].split(separator: "↓").last?.split(separator: " ").first.flatMap { Int($0) })
        let total = marker + rows
        let whole = loaded(height: total + height - rows + 1).screen.lines
        #expect(whole[0].hasPrefix("You"))
        #expect(whole[total - 1].contains("max_tokens"))
        for scrolled in [0, 1, 2, 5, 13, 40, 77, total / 2, total - rows - 1, total - rows] {
            let shown = loaded(height: height, scrolledUp: scrolled).screen.lines
            let end = total - scrolled
            #expect(Array(shown[0..<rows - 1]) == Array(whole[end - rows..<end - 1]), "scrolled up \(scrolled) rows")
            #expect(shown[rows - 1].contains("↓ \(scrolled) more lines") == (scrolled > 0))
        }
    }
}
