import ArgumentParser
import Foundation
import PodchatStorage

extension Conversations {
    /// `podchat conversations list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List saved conversations, newest first: id, last update, message count, title.",
            discussion: "Files that cannot be read are named on standard error with the reason; the rest are still listed (exit status 0)."
        )

        @Flag(help: "Print JSON instead: conversations (id, title, created_at, updated_at in ISO 8601 UTC, message_count), podchat.")
        var json = false

        func run() {
            let store = Conversations.store
            Conversations.print(store.list(), asJSON: json, snippets: false, ifEmpty: "podchat: no saved conversations in \(store.directory.path)")
        }
    }
}
