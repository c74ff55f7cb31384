/// A command typed in the input box: completion, the inline hint and help all read this table.
package struct SlashCommand: Sendable, Equatable {
    package let name: String
    /// The arguments, as help shows them.
    package let arguments: String
    package let summary: String

    init(_ name: String, _ arguments: String, _ summary: String) {
        self.name = name
        self.arguments = arguments
        self.summary = summary
    }

    /// `/name arguments`.
    package var usage: String { arguments.isEmpty ? name : "\(name) \(arguments)" }

    package static let all: [SlashCommand] = [
        SlashCommand("/set", "NAME VALUE", "set a sampling parameter or setting for the next request (VALUE model: unset)"),
        SlashCommand("/reset", "[NAME]", "back to the starting value (all without NAME)"),
        SlashCommand("/system", "[TEXT]", "set the system prompt; without TEXT, edit it"),
        SlashCommand("/mode", "chat|prompt", "send messages, or the conversation as one raw prompt"),
        SlashCommand("/raw", "", "show replies as raw text or as Markdown"),
        SlashCommand("/thinking", "", "show every reply's thinking in full, or folded to one line"),
        SlashCommand("/regen", "", "regenerate the last reply"),
        SlashCommand("/edit", "", "edit your last message and send it again"),
        SlashCommand("/copy", "[code N]", "copy the last reply, or its code block N, to the clipboard"),
        SlashCommand("/choose", "N", "the choice of the last reply that continues the conversation"),
        SlashCommand("/preset", "save|load NAME, list", "named sets of sampling parameters"),
        SlashCommand("/new", "", "start a new conversation (this one is saved)"),
        SlashCommand("/save", "[NAME]", "save now, and name the conversation"),
        SlashCommand("/load", "NAME", "open a saved conversation (Tab completes, Ctrl-O lists)"),
        SlashCommand("/title", "TEXT", "rename the conversation"),
        SlashCommand("/export", "[md|json] [FILE]", "write the conversation to a file"),
        SlashCommand("/help", "", "keys and commands"),
        SlashCommand("/quit", "", "save and quit"),
    ]

    /// The commands whose names start with `prefix`.
    static func matching(_ prefix: some StringProtocol) -> [SlashCommand] {
        all.filter { $0.name.hasPrefix(prefix) }
    }
}
