import AsyncHTTPClient
import NIOCore
import PodchatCore

extension AsyncHTTPTransport {
    /// Sends `request` and returns at the response head; the body streams as it arrives.
    ///
    /// `request.timeout` bounds the head and then every gap between body pieces. Stopping the
    /// body's read early, or dropping it unread, cancels the request, which closes the
    /// connection, so the server sees the reader leave (vLLM then aborts the generation).
    package func stream(_ request: TransportRequest) async throws -> StreamingResponse {
        let outgoing = Self.clientRequest(for: request)
        let response: HTTPClientResponse
        do {
            // This deadline ends with the head; AsyncHTTPClient does not apply it to the body.
            response = try await client.execute(outgoing, timeout: .nanoseconds(request.timeout.nanoseconds))
        } catch {
            throw Self.classify(error)
        }
        return StreamingResponse(
            status: response.status,
            headers: response.headers,
            body: ResponseBody(client: response.body, idleLimit: request.timeout)
        )
    }
}
