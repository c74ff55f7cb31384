/// The messages sent before, for Up and Down in the input box, shell-style: Up on the first
/// line brings back older messages, Down on the last line newer ones and finally what was
/// being typed before.
package struct InputHistory: Sendable, Equatable {
    package private(set) var messages: [String] = []
    /// The message shown, counting from the oldest; nil while the user types their own.
    package private(set) var position: Int?
    /// What was in the box before the first Up, given back after the newest message.
    private var draft = ""

    package init(messages: [String] = []) {
        self.messages = messages
    }

    /// A message was sent: it becomes the newest, and browsing starts again from the end.
    package mutating func record(_ message: String) {
        if messages.last != message { messages.append(message) }
        position = nil
    }

    /// The message before the one shown (or before `current`, the text being typed), or nil
    /// when there is none.
    package mutating func older(than current: String) -> String? {
        let target = (position ?? messages.count) - 1
        guard target >= 0 else { return nil }
        if position == nil { draft = current }
        position = target
        return messages[target]
    }

    /// The message after the one shown, then the draft; nil when not browsing.
    package mutating func newer() -> String? {
        guard let shown = position else { return nil }
        if shown + 1 < messages.count {
            position = shown + 1
            return messages[shown + 1]
        }
        position = nil
        return draft
    }
}
