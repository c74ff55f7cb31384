import NIOHTTP1

/// An HTTP response whose body arrives piece by piece, as the server sends it.
package struct StreamingResponse: Sendable {
    /// The HTTP status.
    package var status: HTTPResponseStatus
    /// The response headers.
    package var headers: HTTPHeaders
    /// The body's bytes in network-sized pieces, split anywhere.
    package var body: ResponseBody

    /// A response with the given parts.
    package init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The whole body, at most `limit` bytes (the rest is dropped), for error answers.
    ///
    /// - Throws: the ``TransportError`` that cut the body short, or `CancellationError`.
    package func collectBody(upTo limit: Int = 64 << 10) async throws -> [UInt8] {
        let reading = try await body.read(into: [UInt8]()) { bytes, piece in
            bytes += piece.prefix(limit - bytes.count)
            return bytes.count < limit
        }
        if let failure = reading.failure { throw failure }
        return reading.state
    }
}
