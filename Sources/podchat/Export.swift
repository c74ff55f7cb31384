import ArgumentParser
import PodchatCore
import PodchatStorage

/// `podchat export NAME`: a saved conversation as Markdown or as its stored JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a saved conversation as Markdown (to read) or JSON (the stored format, docs/conversation-format.md).",
        discussion: "Writes to standard output unless --output names a file, which is then replaced atomically."
    )

    @Option(help: "md: Markdown to read; json: the stored format.")
    var format = ExportFormat.markdown

    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("all"), help: "Markdown: every branch of the conversation, not only the current one (JSON always holds all).")
    var allBranches = false

    @Argument(help: ArgumentHelp("A conversation's id, unique id prefix, or title.", valueName: "name"))
    var name: String

    func run() throws {
        let record = try Conversations.find(name, in: Conversations.store)
        do throws(ConversationStoreError) {
            if let output {
                try ConversationExport.write(record, as: format, to: output, allBranches: allBranches)
            } else {
                StandardOutput.write(exactly: try ConversationExport.data(record, as: format, allBranches: allBranches))
            }
        } catch {
            StandardError.write("podchat: \(error)")
            throw ExitCode.failure
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
