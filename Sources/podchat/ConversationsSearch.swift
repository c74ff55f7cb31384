import ArgumentParser
import PodchatStorage

extension Conversations {
    /// `podchat conversations search TEXT`.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find conversations whose title or messages contain TEXT (any case), newest first, with the text around the match.",
            discussion: "Finding nothing is not an error: the exit status is 0 and the output empty (`[]` with --json)."
        )

        @Flag(help: "Print JSON instead: conversations (id, title, created_at, updated_at, message_count, snippet), podchat.")
        var json = false

        @Argument(help: "The text to look for.")
        var text: String

        func validate() throws {
            guard !text.isEmpty else { throw ValidationError("give the text to look for") }
        }

        func run() {
            Conversations.print(Conversations.store.search(text), asJSON: json, snippets: true, ifEmpty: nil)
        }
    }
}
