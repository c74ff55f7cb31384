/// A conversation that could not be found, read or written, naming the file and the reason.
package struct ConversationStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file concerned, or the name asked for when nothing matched.
    package var path: String
    /// What is wrong, in a few words for the status bar or stderr.
    package var reason: String

    package init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`, as podchat prints it.
    package var description: String { "\(path): \(reason)" }
}
