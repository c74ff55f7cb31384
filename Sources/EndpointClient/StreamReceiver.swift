import NIOHTTP1

/// Takes a streamed answer as it arrives, on the thread that reads it: the head, then the
/// body's pieces, one call at a time and in order (``HTTPTransport/stream(_:into:)``).
package protocol StreamReceiver: AnyObject, Sendable {
    /// The answer's status and headers, before any of its body.
    func receivedHead(status: HTTPResponseStatus, headers: HTTPHeaders)

    /// The body's next piece, split anywhere. Returns false to hear no more: the request is
    /// then ended, closing the connection.
    func received(_ piece: [UInt8]) -> Bool
}
