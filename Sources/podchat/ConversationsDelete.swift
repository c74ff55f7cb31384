import ArgumentParser
import Foundation
import Glibc
import PodchatCore
import PodchatStorage

extension Conversations {
    /// `podchat conversations delete NAME`.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a saved conversation, after asking (or at once with --yes).",
            discussion: "Without --yes it asks on the terminal; when standard input is not a terminal it deletes nothing and exits 64."
        )

        @Flag(name: .shortAndLong, help: "Delete without asking.")
        var yes = false

        @Argument(help: ArgumentHelp("A conversation's id, unique id prefix, or title.", valueName: "name"))
        var name: String

        func run() throws {
            let store = Conversations.store
            let record = try Conversations.find(name, in: store)
            let described = "\"\(record.title)\" (\(record.id), \(record.messages.count) messages)"
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    StandardError.write(
                        "podchat: not deleting \(described): standard input is not a terminal, so podchat cannot ask; add --yes to delete it")
                    throw ExitCode.validationFailure
                }
                FileHandle.standardError.write(Data("Delete \(described)? [y/N] ".utf8))
                guard let answer = readLine()?.lowercased(), ["y", "yes"].contains(answer) else {
                    StandardError.write("Kept \(described).")
                    return
                }
            }
            do throws(ConversationStoreError) {
                try store.delete(id: record.id)
            } catch {
                StandardError.write("podchat: \(error)")
                throw ExitCode.failure
            }
            StandardOutput.write("Deleted \(described).\n")
        }
    }
}
