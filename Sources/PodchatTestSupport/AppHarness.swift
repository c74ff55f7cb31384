import PodchatApp
import PodchatCore
import Testing

/// Drives an ``AppState`` the way the event loop does, with a clock the test moves by hand.
package struct AppHarness {
    package private(set) var state: AppState
    package private(set) var effects: [Effect] = []
    private let start = ContinuousClock.now

    package init(size: Size = Size(width: 80, height: 24), isDemo: Bool = true, parameters: SamplingParameters = SamplingParameters()) {
        TestLocale.useUTF8()
        state = AppState(endpointLabel: "127.0.0.1:8000", isDemo: isDemo, size: size, now: start, parameters: parameters)
    }

    /// The screen as the terminal would show it now.
    package var screen: Screen { AppView.render(state) }

    /// Applies `event`, remembering its effects.
    @discardableResult
    package mutating func send(_ event: Event) -> [Effect] {
        let produced = state.handle(event)
        effects += produced
        return produced
    }

    /// Types `text` one character at a time.
    package mutating func type(_ text: String) {
        for character in text { send(.keyPressed(.character(character))) }
    }

    @discardableResult
    package mutating func press(_ key: Key) -> [Effect] {
        send(.keyPressed(key))
    }

    /// Moves the clock to `seconds` after the harness started.
    package mutating func advance(toSeconds seconds: Double) {
        send(.clockTicked(start.advanced(by: .milliseconds(Int(seconds * 1000)))))
    }

    /// Delivers completion events for `id`.
    package mutating func receive(_ events: [CompletionEvent], for id: RequestID) {
        for event in events { send(.reply(id, .received(event))) }
    }

    /// Types and sends `message`, then delivers `reply` as one delta and a normal finish.
    package mutating func exchange(_ message: String, reply: String) throws {
        type(message)
        press(.enter)
        let id = try #require(lastStartedRequest).id
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
