import ArgumentParser
import PodchatCore
import PodchatStorage

extension Conversations {
    /// `podchat conversations show NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a conversation as Markdown: its settings, then every message, each reply with how it went.",
            discussion: "On a terminal, control characters in the text are shown as placeholders; `podchat export` writes it exactly."
        )

        @Argument(help: ArgumentHelp("A conversation's id, unique id prefix, or title.", valueName: "name"))
        var name: String

        func run() throws {
            StandardOutput.write(try Conversations.find(name, in: Conversations.store).markdown)
        }
    }
}
