/// One server-sent event: the fields of a block of lines ended by a blank line.
package struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or nil for the default type ("message").
    package var type: String?
    /// The `data:` lines joined with newlines.
    package var data: String
    /// The last `id:` seen on the stream so far, as the SSE spec carries it over events.
    package var id: String?

    /// An event with the given fields.
    package init(type: String? = nil, data: String, id: String? = nil) {
        self.type = type
        self.data = data
        self.id = id
    }
}
