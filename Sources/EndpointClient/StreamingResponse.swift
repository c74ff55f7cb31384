import NIOHTTP1

/// An HTTP response whose body arrives piece by piece, as the server sends it.
package struct StreamingResponse: Sendable {
    /// The HTTP status.
    package var status: HTTPResponseStatus
    /// The response headers.
    package var headers: HTTPHeaders
    /// The body's bytes in network-sized pieces, split anywhere. It ends when the body does and
    /// throws ``TransportError`` when the connection fails. Dropping it, or cancelling the task
    /// that reads it, closes the connection.
    package var body: AsyncThrowingStream<[UInt8], any Error>

    /// A response with the given parts.
    package init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The whole body, at most `limit` bytes (the rest is dropped), for error answers.
    package func collectBody(upTo limit: Int = 64 << 10) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await piece in body {
            bytes += piece.prefix(limit - bytes.count)
            if bytes.count >= limit { break }
        }
        return bytes
    }
}
