/// Something that sends one HTTP request and returns the whole response.
///
/// The seam between the Runpod logic and the network: ``AsyncHTTPTransport`` is the real one,
/// tests use a scripted fake. Contract: a response with any status code is returned, not
/// thrown; a network failure throws ``TransportError``; cancellation of the calling task
/// throws `CancellationError`.
package protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}
