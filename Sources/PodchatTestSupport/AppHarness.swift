import PodchatApp
import PodchatCore
import Testing

/// The chat window in a unit test: the ``LoopDriver`` on a ``ScriptedTerminal``, with a clock the
/// test moves by hand. Each call is one batch of the loop, applied and drawn; its effects are
/// recorded, not performed (the terminal's own also reach the terminal).
package struct AppHarness {
    private var driver: LoopDriver
    /// What the loop drew on: every frame, clipboard copy and editor run.
    package let terminal: ScriptedTerminal
    package private(set) var effects: [Effect] = []
    private let start: ContinuousClock.Instant

    package init(
        size: Size = Size(width: 80, height: 24), isDemo: Bool = true, parameters: SamplingParameters = SamplingParameters(),
        price: GPUPrice? = nil, endpoint: EndpointIdentity? = nil, endpointNames: [String] = [], prices: [String: GPUPrice] = [:]
    ) {
        TestLocale.useUTF8()
        let start = ContinuousClock.now
        self.start = start
        terminal = ScriptedTerminal(size: size)
        let state = AppState(
            endpoint: endpoint ?? EndpointIdentity(label: "127.0.0.1:8000", isDemo: isDemo, price: price), endpointNames: endpointNames,
            prices: prices, size: size, now: start, parameters: parameters)
        // The harness's batches carry no tick: its clock moves only with `advance(toSeconds:)`.
        driver = LoopDriver(state: state, terminal: terminal, perform: { _ in }, now: { start })
        driver.draw()
    }

    package var state: AppState { driver.state }

    /// The screen as the terminal shows it now.
    package var screen: Screen {
        guard let frame = terminal.lastFrame else { preconditionFailure("the harness draws its first frame when it starts") }
        return frame
    }

    /// Applies `event` as a batch of its own, remembering its effects.
    @discardableResult
    package mutating func send(_ event: Event) -> [Effect] {
        deliver([event])
    }

    /// Applies `batch` as the loop applies one wake-up's events: in order, then one frame.
    @discardableResult
    package mutating func deliver(_ batch: [Event]) -> [Effect] {
        let produced = driver.process(batch)
        effects += produced
        return produced
    }

    /// Types `text` one character at a time, faster than a frame: one batch.
    package mutating func type(_ text: String) {
        deliver(text.map { .keyPressed(.character($0)) })
    }

    @discardableResult
    package mutating func press(_ key: Key) -> [Effect] {
        send(.keyPressed(key))
    }

    /// Moves the clock to `seconds` after the harness started.
    package mutating func advance(toSeconds seconds: Double) {
        send(.clockTicked(start.advanced(by: .milliseconds(Int(seconds * 1000)))))
    }

    /// Delivers completion events for `id` in one batch.
    package mutating func receive(_ events: [CompletionEvent], for id: RequestID) {
        deliver(events.map { .reply(id, .received($0)) })
    }

    /// Types `message` and presses Enter; returns the id of the request it started.
    package mutating func submit(_ message: String) throws -> RequestID {
        type(message)
        press(.enter)
        return try #require(lastStartedRequest).id
    }

    /// Types and sends `message`, then delivers `reply` as one delta and a normal finish.
    package mutating func exchange(_ message: String, reply: String) throws {
        let id = try submit(message)
        receive([.delta(choice: 0, text: reply), .finished(.completed)], for: id)
    }

    /// The request ID of the most recent `startCompletion` effect.
    package var lastStartedRequest: (id: RequestID, request: CompletionRequest)? {
        for effect in effects.reversed() {
            if case .completion(.start(let id, let request)) = effect { return (id, request) }
        }
        return nil
    }
}
