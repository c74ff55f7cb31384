import PodchatApp
import PodchatCore
import PodchatStorage
import PodchatTestSupport
import Testing

/// `/endpoint NAME`: the next requests go to another configured endpoint once it is open; each
/// reply records the endpoint that wrote it, its footer names it when it changed, and its
/// cost is priced at that endpoint's rate.
@Suite struct EndpointSwitchingTests {
    private static let qwen = EndpointIdentity(name: "qwen", label: "abc123", price: GPUPrice(dollarsPerSecond: 0.001))
    private static let local = EndpointIdentity(
        name: "local", label: "127.0.0.1:8000", price: GPUPrice(dollarsPerSecond: 0.0001), inputFormat: .openai)

    private func app() -> AppHarness {
        AppHarness(
            size: Size(width: 120, height: 24), endpoint: Self.qwen, endpointNames: ["qwen", "local", "llama"],
            prices: ["qwen": GPUPrice(dollarsPerSecond: 0.001), "local": GPUPrice(dollarsPerSecond: 0.0001)])
    }

    private func statusBar(_ app: AppHarness) -> String {
        app.screen.lines.last ?? ""
    }

    private func text(_ app: AppHarness) -> String {
        String(app.screen.lines.joined(separator: "\n").map { $0 == "\u{A0}" ? " " : $0 })
    }

    @discardableResult
    private func command(_ app: inout AppHarness, _ line: String) -> [Effect] {
        app.type(line)
        return app.press(.enter)
    }

    /// Switches to `local` and lets it open.
    private func switchToLocal(_ app: inout AppHarness) -> [Effect] {
        command(&app, "/endpoint local")
        return app.send(.endpoint(.opened(Self.local)))
    }

    /// Asks `question` and finishes its reply, the job reporting `executed` milliseconds.
    private func answer(_ app: inout AppHarness, _ question: String, executed: Int) throws {
        let id = try app.submit(question)
        app.receive([.delta(choice: 0, text: "Answer to \(question)."), .executionTime(.milliseconds(executed)), .finished(.completed)], for: id)
    }

    @Test func theStatusBarNamesTheEndpoint() {
        let app = app()
        #expect(statusBar(app).hasPrefix(" qwen "))
    }

    @Test func switchingOpensTheEndpointThenUsesIt() {
        var app = app()
        #expect(command(&app, "/endpoint local") == [.endpoint(.open(name: "local"))])
        #expect(statusBar(app).contains("opening local…"))
        #expect(app.state.endpoints.current == Self.qwen)
        let effects = app.send(.endpoint(.opened(Self.local)))
        #expect(effects == [.endpoint(.use(name: "local"))])
        #expect(app.state.endpoints.current == Self.local)
        #expect(statusBar(app).hasPrefix(" local "))
        #expect(statusBar(app).contains("Requests now go to local (127.0.0.1:8000)"))
        // The new endpoint's input format is what its jobs are sent in.
        #expect(app.state.conversation.settings.inputFormat == .openai)
    }

    @Test func eachReplyRecordsItsEndpointAndTheFooterNamesAChange() throws {
        var app = app()
        try answer(&app, "one", executed: 1000)
        #expect(!text(app).contains("from qwen"))
        _ = switchToLocal(&app)
        try answer(&app, "two", executed: 1000)
        try answer(&app, "three", executed: 1000)
        let replies = app.state.conversation.record.messages.compactMap(\.reply)
        #expect(replies.map(\.endpoint) == ["qwen", "local", "local"])
        #expect(app.state.conversation.record.endpoint == "qwen")
        // Only the reply after the change names its endpoint.
        #expect(text(app).ranges(of: "from local").count == 1)
    }

    @Test func eachReplyIsPricedAtItsOwnEndpointsRate() throws {
        var app = app()
        try answer(&app, "one", executed: 2000)
        _ = switchToLocal(&app)
        try answer(&app, "two", executed: 2000)
        // 2 s at $0.001 plus 2 s at $0.0001.
        #expect(app.state.conversationCost.map { abs($0 - 0.0022) < 1e-12 } == true)
        #expect(text(app).contains("ran 2.0s · $0.0020") && text(app).contains("ran 2.0s · $0.00020"))
    }

    @Test func anEmptyConversationBeginsAtTheNewEndpoint() {
        var app = app()
        _ = switchToLocal(&app)
        #expect(app.state.conversation.endpoint == "local")
    }

    @Test func anEndpointOpenedDuringAReplyTakesOverWhenItEnds() throws {
        var app = app()
        let id = try app.submit("slow question")
        // Refused while the reply streams…
        #expect(command(&app, "/endpoint local").isEmpty)
        #expect(statusBar(app).contains("A reply is still coming"))
        #expect(app.state.endpoints.switching == nil)
        app.receive([.finished(.completed)], for: id)
        // …and an opening already under way waits for the reply to end (the refused command
        // stayed in the input: Enter runs it again).
        #expect(app.press(.enter) == [.endpoint(.open(name: "local"))])
        let next = try app.submit("next")
        #expect(app.send(.endpoint(.opened(Self.local))).isEmpty)
        #expect(app.state.endpoints.current == Self.qwen)
        let ended = app.deliver([.reply(next, .received(.finished(.completed)))])
        #expect(ended.contains(.endpoint(.use(name: "local"))))
        #expect(app.state.endpoints.current == Self.local)
        #expect(app.state.conversation.record.messages.compactMap(\.reply?.endpoint) == ["qwen", "qwen"])
    }

    @Test func anEndpointThatCannotOpenChangesNothing() {
        var app = app()
        command(&app, "/endpoint local")
        app.send(.endpoint(.openFailed(name: "local", message: "no API key: set RUNPOD_API_KEY")))
        #expect(app.state.endpoints.current == Self.qwen && app.state.endpoints.switching == nil)
        #expect(statusBar(app).contains("Could not switch to local: no API key"))
        #expect(app.state.window.notice?.isError == true)
    }

    @Test(arguments: [
        ("/endpoint nope", "No endpoint is named nope (Tab completes; known: llama, local, qwen)"),
        ("/endpoint qwen", "Requests already go to qwen"),
    ])
    func aNameThatCannotBeUsedIsRefused(line: String, message: String) {
        var app = app()
        #expect(command(&app, line).isEmpty)
        #expect(statusBar(app).contains(message))
        #expect(app.state.composer.input.text == line)
    }

    @Test func withoutANameItSaysWhereRequestsGo() {
        var app = app()
        command(&app, "/endpoint")
        #expect(statusBar(app).contains("Requests go to qwen (abc123); named: llama, local, qwen"))
    }

    @Test func withoutNamedEndpointsItSaysHowToNameThem() {
        var app = AppHarness(size: Size(width: 140, height: 24))
        #expect(command(&app, "/endpoint qwen").isEmpty)
        #expect(statusBar(app).contains(#"name them in the config's "endpoints""#))
    }

    @Test(arguments: [("/endpoint lo", "/endpoint local"), ("/endpoint q", "/endpoint qwen"), ("/endpoint l", "/endpoint l")])
    func tabCompletesNames(typed: String, completed: String) {
        var app = app()
        app.type(typed)
        app.press(.tab)
        #expect(app.state.composer.input.text == completed)
    }

    @Test func aRestoredConversationKeepsWhereItBegan() throws {
        var app = app()
        try answer(&app, "one", executed: 1000)
        var record = app.state.conversation.record
        record.endpoint = "elsewhere"
        record.messages[1].reply?.endpoint = nil
        var state = AppState(endpoint: Self.local, size: Size(width: 80, height: 24), now: .now)
        try state.restore(record)
        #expect(state.conversation.endpoint == "elsewhere")
        // A reply from before replies named their endpoint came from the conversation's.
        #expect(state.conversation.changedEndpoint(at: 1) == nil)
    }
}
