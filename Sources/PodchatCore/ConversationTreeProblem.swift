/// Why a stored conversation's messages do not form a tree podchat can read: a missing or
/// repeated id, a parent that does not come before its child, a current message that is not there.
package struct ConversationTreeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    package let description: String

    package init(_ description: String) {
        self.description = description
    }
}
