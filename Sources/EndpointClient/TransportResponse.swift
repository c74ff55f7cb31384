import NIOHTTP1

/// One HTTP response, fully buffered.
package struct TransportResponse: Sendable, Equatable {
    /// The HTTP status.
    package var status: HTTPResponseStatus
    /// The response headers.
    package var headers: HTTPHeaders
    /// The whole body.
    package var body: [UInt8]

    /// A response with the given parts.
    package init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
