/// The input box's message being typed, and the messages sent before it (↑ and ↓ recall them).
package struct Composer: Sendable, Equatable {
    package private(set) var input = LineEditor()
    package private(set) var history = InputHistory()

    /// Takes the typed text out of the box.
    mutating func take() -> String {
        input.take()
    }

    /// Keeps `message` for ↑ to recall.
    mutating func remember(_ message: String) {
        history.record(message)
    }

    /// Puts `text` in the box, caret at its end.
    mutating func replace(with text: String) {
        input = LineEditor(text)
    }

    mutating func insert(_ text: String) {
        input.insert(text)
    }

    /// A key typed in the box: characters, and the editing keys.
    mutating func handle(_ key: Key) {
        input.handle(key, allowsNewlines: true)
    }

    mutating func apply(_ action: KeyAction.TextEdit) {
        input.apply(action)
    }

    /// ↑: a line up, or on the first line the message sent before.
    mutating func olderMessageOrLineUp() {
        guard input.isOnFirstLine else { return input.moveLineUp() }
        if let older = history.older(than: input.text) { input = LineEditor(older) }
    }

    /// ↓: a line down, or on the last line the message sent after.
    mutating func newerMessageOrLineDown() {
        guard input.isOnLastLine else { return input.moveLineDown() }
        if let newer = history.newer() { input = LineEditor(newer) }
    }
}
