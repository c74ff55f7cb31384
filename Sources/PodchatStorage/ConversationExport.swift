import Foundation
import PodchatCore

/// A conversation written out for people or programs: `/export` in the chat window and
/// `podchat export` on the command line produce the same bytes.
package enum ConversationExport {
    /// `record` in `format`: Markdown of the current branch (of every branch with
    /// `allBranches`), or exactly the JSON podchat stores, which always holds every branch.
    package static func data(
        _ record: ConversationRecord, as format: ExportFormat, allBranches: Bool = false
    ) throws(ConversationStoreError) -> Data {
        switch format {
        case .json: return try FileConversationStore.encode(record)
        case .markdown: return Data(record.markdown(allBranches: allBranches).utf8)
        }
    }

    /// Writes `record` to `path` atomically; the file is the user's, so it is replaced, not merged.
    package static func write(
        _ record: ConversationRecord, as format: ExportFormat, to path: String, allBranches: Bool = false
    ) throws(ConversationStoreError) {
        let bytes = try data(record, as: format, allBranches: allBranches)
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ConversationStoreError(path: path, reason: error.localizedDescription)
        }
    }
}
