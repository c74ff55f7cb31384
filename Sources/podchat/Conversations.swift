import ArgumentParser
import Foundation
import PodchatCore
import PodchatStorage

/// `podchat conversations …`: the saved conversations, from the command line.
struct Conversations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, search and delete saved conversations.",
        discussion: """
            Conversations are JSON files in $XDG_DATA_HOME/podchat/conversations (usually \
            ~/.local/share/podchat/conversations), in the format docs/conversation-format.md describes. \
            NAME is a conversation's id, a unique id prefix, or its title. A file podchat cannot read is \
            named on standard error with the reason, and left as it is.
            """,
        subcommands: [List.self, Show.self, Search.self, Delete.self, SaveLoop.self]
    )

    /// Where this user's conversations are, from $XDG_DATA_HOME or $HOME.
    static var store: FileConversationStore {
        .standard(environment: ProcessInfo.processInfo.environment)
    }

    /// The conversation `name` names; when none does (or its file cannot be read), says why on
    /// stderr and exits 1.
    static func find(_ name: String, in store: FileConversationStore) throws -> ConversationRecord {
        do throws(ConversationStoreError) {
            return try store.find(name)
        } catch {
            StandardError.write("podchat: \(error)")
            throw ExitCode.failure
        }
    }

    /// Prints `listing` as a table (or JSON), then names each file that could not be read, and
    /// why, on stderr. With no conversation, the table is left out and `note` goes to stderr.
    static func print(_ listing: ConversationListing, asJSON json: Bool, snippets: Bool, ifEmpty note: String?) {
        if json {
            StandardOutput.write(json: ["conversations": ConversationSummaryFormat.json(listing.conversations, snippets: snippets)])
        } else if !listing.conversations.isEmpty {
            StandardOutput.write(ConversationSummaryFormat.table(listing.conversations, snippets: snippets))
        } else if let note {
            StandardError.write(note)
        }
        for file in listing.unreadable { StandardError.write("podchat: skipped \(file)") }
    }
}
