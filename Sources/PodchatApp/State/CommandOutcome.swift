/// How a typed command (or a key that does what one does) went.
enum CommandOutcome: Equatable {
    /// It ran, calling for `effects`.
    case done([Effect])
    /// It was refused with a notice that says why; a typed command keeps its text, so it can
    /// be fixed.
    case refused

    static let done = CommandOutcome.done([])

    /// The effects to perform: none for a refusal.
    var effects: [Effect] {
        switch self {
        case .done(let effects): effects
        case .refused: []
        }
    }
}

/// What follows a command's name on the line.
struct CommandArguments {
    /// Everything after the name, leading spaces dropped.
    let text: Substring
    /// The words after the name.
    let words: [String]
}
