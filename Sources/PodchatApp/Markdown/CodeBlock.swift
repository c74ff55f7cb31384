/// A fenced code block of a message: what `/copy code N` copies.
package struct CodeBlock: Sendable, Equatable {
    /// Its number in the message, from 1.
    package var number: Int
    /// The fence's info word (`swift`), or empty.
    package var language: String
    package var text: String
}
