import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

/// `/compare`: both requests leave in one batch with one seed and only the typed changes
/// apart, each side streams into its own sibling, and one is kept.
@Suite struct ComparisonTests {
    private static func starts(_ effects: [Effect]) -> [(id: RequestID, request: CompletionRequest)] {
        effects.compactMap { if case .completion(.start(let id, let request)) = $0 { (id, request) } else { nil } }
    }

    /// A conversation with one exchange and a compare of temperatures started on it.
    private static func comparing(width: Int = 80) throws -> (AppHarness, [(id: RequestID, request: CompletionRequest)]) {
        var app = AppHarness(size: Size(width: width, height: 24), parameters: try SamplingParameters.exactly(["temperature": 0.2]))
        try app.exchange("Name a colour", reply: "Red.")
        app.type("/compare temperature=1.2")
        let started = Self.starts(app.press(.enter))
        return (app, started)
    }

    @Test func bothRequestsLeaveInOneBatchWithOneSeedAndOnlyTheChangeApart() throws {
        let (app, started) = try Self.comparing()
        try #require(started.count == 2)
        let (a, b) = (started[0].request, started[1].request)
        #expect(a.messages.map(\.content) == ["Name a colour"] && b.messages == a.messages)
        #expect(a.parameters.number(of: .temperature) == 0.2 && b.parameters.number(of: .temperature) == 1.2)
        let seed = try #require(a.parameters.number(of: .seed))
        #expect(b.parameters.number(of: .seed) == seed)
        var differing = b.parameters
        differing.set(.temperature, to: 0.2)
        #expect(differing == a.parameters, "only temperature differs")
        #expect(app.state.reply.comparison?.seed == Int(seed))
        #expect(app.state.reply.comparison?.differing == ["temperature"])
        #expect(app.screen.lines.contains { $0.contains("Compare") && $0.contains("seed \(Int(seed))") })
    }

    @Test func eachSideStreamsIntoItsOwnSiblingAndOneIsKept() throws {
        var (app, started) = try Self.comparing()
        app.receive([.delta(choice: 0, text: "Teal.")], for: started[1].id)
        app.receive([.delta(choice: 0, text: "Blue.")], for: started[0].id)
        #expect(app.screen.lines.contains { $0.contains("Blue.") } && app.screen.lines.contains { $0.contains("Teal.") })
        #expect(app.state.reply.isBusy)
        app.type("2")
        #expect(app.state.reply.comparison != nil, "nothing is kept while the replies still come")
        app.receive([.finished(.completed)], for: started[0].id)
        let saved = app.receive(finishing: started[1].id)
        #expect(saved, "the conversation is saved once both are in")
        app.type("1")
        #expect(app.state.reply.comparison == nil)
        #expect(app.state.conversation.entries.map(\.text) == ["Name a colour", "Blue."])
        #expect(app.state.conversation.entries[1].branch == BranchPosition(number: 2, count: 3), "the first reply, A, then B")
        // The other side is a branch away, and the next message continues the kept one.
        app.press(.tab)
        app.press(.tab)
        app.press(.character("]"))
        #expect(app.state.conversation.entries.map(\.text) == ["Name a colour", "Teal."])
    }

    @Test func escapeStopsBothJobsAndASideCanStillBeKept() throws {
        var (app, started) = try Self.comparing()
        app.receive([.delta(choice: 0, text: "Bl")], for: started[0].id)
        let stopped = app.press(.escape)
        let cancelled = stopped.compactMap { if case .completion(.cancel(let id)) = $0 { id } else { nil } }
        #expect(cancelled == started.map(\.id))
        #expect(!app.state.reply.isBusy)
        app.receive([.delta(choice: 0, text: "ue.")], for: started[0].id)
        app.type("1")
        #expect(app.state.conversation.entries.last?.text == "Bl", "what came after the stop is ignored")
        #expect(app.state.conversation.entries.last?.status == .cancelled)
    }

    @Test func aFailedSideSaysWhichAndTheOtherCanBeKept() throws {
        var (app, started) = try Self.comparing()
        app.send(.reply(started[1].id, .failed(CompletionFailure("CUDA out of memory"))))
        #expect(app.state.window.notice?.text == "B failed: CUDA out of memory")
        app.receive([.delta(choice: 0, text: "Blue."), .finished(.completed)], for: started[0].id)
        app.type("1")
        #expect(app.state.conversation.entries.last?.text == "Blue.")
    }

    @Test func badChangesAreRefusedAndNothingIsSent() throws {
        var app = AppHarness()
        try app.exchange("q", reply: "a")
        for (typed, problem) in [("/compare warmth=2", "/compare: "), ("/compare temperature=9", "/compare: ")] {
            app.type(typed)
            #expect(Self.starts(app.press(.enter)).isEmpty)
            #expect(app.state.window.notice?.text.hasPrefix(problem) == true, "\(typed): \(app.state.window.notice?.text ?? "")")
            #expect(app.state.composer.input.text == typed)
            app.press(.control("u"))
        }
        app.type("/compare")
        app.press(.enter)
        #expect(app.state.panel.sideA != nil && app.state.window.focus == .panel, "alone, it opens side B in the panel")
        var empty = AppHarness()
        empty.type("/compare temperature=1")
        #expect(Self.starts(empty.press(.enter)).isEmpty)
        #expect(empty.state.window.notice?.text == "Nothing to compare yet: send a message first")
    }

    /// A conversation with one exchange, the temperature set to 0.2 and focus on the
    /// transcript, at 100 columns so the panel shows.
    private static func readyToCompare() throws -> AppHarness {
        var app = AppHarness(size: Size(width: 100, height: 24), parameters: try SamplingParameters.exactly(["temperature": 0.2]))
        try app.exchange("Name a colour", reply: "Red.")
        app.press(.tab)
        app.press(.tab)
        #expect(app.state.window.focus == .transcript)
        return app
    }

    @Test func sideBIsEditedInThePanelAndVAsksBoth() throws {
        var app = try Self.readyToCompare()
        app.press(.character("v"))
        #expect(app.state.window.focus == .panel)
        #expect(app.screen.lines.contains { $0.contains("Side B · v compares") })
        #expect(Self.starts(app.press(.character("v"))).isEmpty)
        #expect(app.state.window.notice?.text.hasPrefix("Side B is the same as A") == true)
        app.press(.right)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.25, "the panel shows B")
        let started = Self.starts(app.press(.character("v")))
        try #require(started.count == 2)
        #expect(started[0].request.parameters.number(of: .temperature) == 0.2)
        #expect(started[1].request.parameters.number(of: .temperature) == 0.25)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.2, "the panel has A's values back")
        #expect(app.state.panel.sideA == nil)
        #expect(app.state.reply.comparison?.sides.map(\.changes) == ["", "temperature=0.25"])
    }

    @Test func escapeOrAMessageCancelsSideBAndTheValuesComeBack() throws {
        var app = try Self.readyToCompare()
        app.press(.character("v"))
        app.press(.right)
        app.press(.escape)
        #expect(app.state.panel.sideA == nil)
        #expect(app.state.conversation.parameters.number(of: .temperature) == 0.2)
        app.press(.character("v"))
        app.press(.right)
        app.press(.tab)
        try app.exchange("Another", reply: "Green.")
        #expect(app.lastStartedRequest?.request.parameters.number(of: .temperature) == 0.2, "a message sent meanwhile goes with A's values")
        #expect(app.state.reply.comparison == nil)
    }

    @Test func sideBCannotUnsetWhatASets() throws {
        var app = try Self.readyToCompare()
        app.press(.character("v"))
        app.press(.character("u"))
        #expect(Self.starts(app.press(.character("v"))).isEmpty)
        #expect(app.state.window.notice?.text == "B cannot leave temperature unset while A sets it: give it a value")
        #expect(app.state.panel.sideA != nil, "still editing side B")
    }

    @Test func theTwoColumnAndStackedScreens() throws {
        for (width, name) in [(120, "compare-columns"), (80, "compare-stacked")] {
            var (app, started) = try Self.comparing(width: width)
            app.receive([.delta(choice: 0, text: "Blue, like a clear sky over the sea."), .finished(.completed)], for: started[0].id)
            app.receive([.delta(choice: 0, text: "Teal — or perhaps a shimmering ultramarine.")], for: started[1].id)
            expectSnapshot(of: app.screen, named: name)
        }
    }
}

extension AppHarness {
    /// Finishes request `id`; whether that asked for a save.
    fileprivate mutating func receive(finishing id: RequestID) -> Bool {
        let effects = deliver([.reply(id, .received(.finished(.completed)))])
        return effects.contains { if case .storage(.save) = $0 { true } else { false } }
    }
}
