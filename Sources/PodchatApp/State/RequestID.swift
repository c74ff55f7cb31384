/// Identifies one request for a reply, so events of an abandoned request can be ignored.
package struct RequestID: Sendable, Hashable, CustomStringConvertible {
    package let value: Int

    package init(_ value: Int) {
        self.value = value
    }

    package var description: String { "#\(value)" }
}
