/// Who wrote a message.
package enum Role: String, Sendable, Codable, CaseIterable {
    case system
    case user
    case assistant
}

/// One message of a conversation, as sent to the model.
package struct Message: Sendable, Equatable, Codable {
    package var role: Role
    package var content: String

    package init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}
