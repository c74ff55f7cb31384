/// Something that sends one HTTP request and returns the whole response, or streams it.
///
/// The seam between the Runpod logic and the network: ``AsyncHTTPTransport`` is the real one,
/// tests use a scripted fake. Contract: a response with any status code is returned, not
/// thrown; a network failure throws ``TransportError``; cancellation of the calling task
/// throws `CancellationError`.
package protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends `request` and hands the answer to `receiver` as it arrives, from the thread that
    /// reads it, with no task between (Server-Sent Events); returns when the body has ended or
    /// the receiver wants no more, which ends the request.
    ///
    /// `request.timeout` bounds the wait for the head, and then each wait for the next piece of
    /// the body, so a long stream that keeps flowing is never cut off. Throws
    /// ``TransportError`` when the connection fails or goes quiet, and `CancellationError` when
    /// the calling task is cancelled (the request is then ended).
    func stream(_ request: TransportRequest, into receiver: some StreamReceiver) async throws
}
