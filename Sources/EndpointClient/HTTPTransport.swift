/// Something that sends one HTTP request and returns the whole response, or streams it.
///
/// The seam between the Runpod logic and the network: ``AsyncHTTPTransport`` is the real one,
/// tests use a scripted fake. Contract: a response with any status code is returned, not
/// thrown; a network failure throws ``TransportError``; cancellation of the calling task
/// throws `CancellationError`.
package protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends `request` and returns as soon as the response head arrives; the body follows in
    /// ``StreamingResponse/body`` while the server sends it (Server-Sent Events).
    ///
    /// `request.timeout` bounds the wait for the head, and then each wait for the next piece
    /// of the body, so a long stream that keeps flowing is never cut off.
    func stream(_ request: TransportRequest) async throws -> StreamingResponse
}
