import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// The picker over 10,000 conversations holds a window of them around the selection: moving
/// near a window's edge asks for the next, a window that no longer answers is dropped, rows not
/// yet loaded are drawn as loading, and rename and delete work on the window.
@Suite struct PickerWindowTests {
    private static let total = 10_000

    /// A listing of `total` conversations, `c0` the newest, as the store would answer a window.
    private static func window(offset: Int, limit: Int, total: Int = total) -> ConversationWindow {
        let rows = (offset..<min(total, offset + limit)).map { position in
            ConversationSummary(
                id: "c\(position)", title: "Conversation \(position)", createdAt: 0, updatedAt: Double(total - position), messageCount: 2,
                snippet: "Question \(position)")
        }
        return ConversationWindow(offset: offset, conversations: rows, total: total, unreadable: [])
    }

    /// The windows `effects` ask for.
    private static func windowRequests(_ effects: [Effect]) -> [(offset: Int, limit: Int)] {
        effects.compactMap { effect in
            guard case .storage(.list(let offset, let limit)) = effect else { return nil }
            return (offset, limit)
        }
    }

    /// Answers every window `effects` ask for, as the store would.
    private static func answer(_ effects: [Effect], in app: inout AppHarness) {
        for (offset, limit) in windowRequests(effects) { app.send(.store(.listed(window(offset: offset, limit: limit)))) }
    }

    private func openPicker() -> AppHarness {
        var app = AppHarness(size: Size(width: 80, height: 24))
        let opened = app.press(.control("o"))
        #expect(Self.windowRequests(opened).map(\.offset) == [0])
        Self.answer(opened, in: &app)
        return app
    }

    private func picker(_ app: AppHarness) throws -> ConversationPicker { try #require(app.state.browser.picker) }

    @Test func movingThroughTenThousandAsksForAWindowNearEachEdgeAndNeverShowsAWrongRow() throws {
        var app = openPicker()
        var requests = 0
        for position in 1..<Self.total {
            let effects = app.press(.down)
            requests += Self.windowRequests(effects).count
            Self.answer(effects, in: &app)
            let picker = try picker(app)
            #expect(picker.selection == position)
            #expect(picker.selected?.id == "c\(position)")
            #expect(picker.conversations.count <= ConversationPicker.windowSize)
        }
        #expect(Self.windowRequests(app.press(.down)).isEmpty, "the last stays selected")
        #expect(try picker(app).selection == Self.total - 1)
        // One window each time the selection comes within the margin of the held window's end.
        #expect(requests <= Self.total / (ConversationPicker.windowSize / 2 - ConversationPicker.windowMargin) + 1)
        #expect(requests >= Self.total / ConversationPicker.windowSize)
    }

    @Test func endShowsTheCountAndLoadingUntilTheLastWindowComesThenHomeGoesBack() throws {
        var app = openPicker()
        #expect(app.screen.lines.contains { $0.contains("1 of 10,000") })
        let end = app.press(.end)
        #expect(Self.windowRequests(end).map(\.offset) == [Self.total - ConversationPicker.windowSize])
        #expect(try picker(app).selected == nil, "its row is not loaded yet")
        #expect(app.screen.lines.contains { $0.contains("10,000 of 10,000") })
        #expect(app.screen.lines.contains { $0.contains("Loading…") })
        #expect(!app.screen.lines.contains { $0.contains("Conversation ") }, "no row from the window held is drawn in its place")
        Self.answer(end, in: &app)
        #expect(try picker(app).selected?.id == "c9999")
        #expect(app.screen.lines.contains { $0.contains("Conversation 9999") })
        let home = app.press(.home)
        #expect(Self.windowRequests(home).map(\.offset) == [0])
        Self.answer(home, in: &app)
        #expect(try picker(app).selected?.id == "c0")
    }

    @Test func pageDownAndUpMoveByTheConversationsOnScreen() throws {
        var app = openPicker()
        // 24 rows: the status bar leaves 23 to the picker, 18 of them its list, 9 conversations.
        app.press(.pageDown)
        #expect(try picker(app).selection == 9)
        app.press(.pageDown)
        app.press(.pageUp)
        #expect(try picker(app).selected?.id == "c9")
        app.press(.pageUp)
        app.press(.pageUp)
        #expect(try picker(app).selection == 0)
    }

    @Test func aWindowAskedForBeforeTheSelectionOrTheQueryMovedOnIsDropped() throws {
        var app = openPicker()
        let end = app.press(.end)
        let home = app.press(.home)
        #expect(Self.windowRequests(home).map(\.offset) == [0])
        Self.answer(end, in: &app)
        #expect(try picker(app).offset == 0, "the window for End arrived after Home: dropped")
        #expect(try picker(app).selected?.id == "c0")

        let later = app.press(.end)
        app.type("soup")
        Self.answer(later, in: &app)
        #expect(try picker(app).selection == Self.total - 1)
        #expect(try picker(app).selected == nil, "a window of the listing does not answer a search")
    }

    @Test func deleteAndRenameWorkOnTheRowSelectedInAWindow() throws {
        var app = openPicker()
        let end = app.press(.end)
        Self.answer(end, in: &app)
        for _ in 0..<3 { Self.answer(app.press(.up), in: &app) }
        #expect(try picker(app).selected?.id == "c9996")

        app.press(.function(2))
        app.press(.control("u"))
        app.type("Renamed")
        #expect(app.press(.enter) == [.storage(.rename(id: "c9996", title: "Renamed"))])
        app.send(.store(.renamed(id: "c9996", title: "Renamed")))
        #expect(try picker(app).selected?.title == "Renamed")

        app.press(.delete)
        #expect(app.press(.character("y")) == [.storage(.delete(id: "c9996"))])
        app.send(.store(.deleted(id: "c9996")))
        let picker = try picker(app)
        #expect(picker.total == Self.total - 1)
        #expect(picker.selected?.id == "c9997", "the next one moves up into its place")
        #expect(app.screen.lines.contains { $0.contains("9,997 of 9,999") })
    }

    @Test func aNewWindowKeepsTheSelectedConversationWhenTheListingShifted() throws {
        var app = openPicker()
        for _ in 0..<149 { #expect(Self.windowRequests(app.press(.down)).isEmpty) }
        let effects = app.press(.down)
        #expect(Self.windowRequests(effects).map(\.offset) == [50])
        // A conversation saved meanwhile became the newest: every position moved down by one.
        var shifted = Self.window(offset: 49, limit: 200)
        shifted.offset = 50
        shifted.total += 1
        app.send(.store(.listed(shifted)))
        #expect(try picker(app).selected?.id == "c150")
        #expect(try picker(app).selection == 151)
    }
}
