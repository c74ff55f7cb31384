import AsyncHTTPClient
import NIOCore
import PodchatCore

extension AsyncHTTPTransport {
    /// Sends `request` and returns at the response head; the body streams as it arrives.
    ///
    /// `request.timeout` bounds the head and then every gap between body pieces. Ending the
    /// body stream early cancels the request, which closes the connection, so the server sees
    /// the reader leave (vLLM then aborts the generation).
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
            body: Self.pieces(of: response.body, idleLimit: request.timeout)
        )
    }

    /// The body's buffers as byte arrays, failing with a timeout when none comes for `idleLimit`.
    private static func pieces(of body: HTTPClientResponse.Body, idleLimit: Duration)
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        let idle = IdleTimer(limit: idleLimit)
        let reader = Task {
            var failure: (any Error)?
            do {
                for try await buffer in body {
                    idle.touch()
                    continuation.yield(Array(buffer: buffer))
                }
            } catch {
                failure = classify(error)
            }
            // A body cut short by the idle timer may end either way, so the timer is asked first.
            if idle.hasFired {
                failure = TransportError(.interrupted, detail: "timed out: no data for \(idleLimit.readable)")
            }
            continuation.finish(throwing: failure)
        }
        let timer = Task {
            try await idle.waitUntilIdle()
            reader.cancel()
        }
        continuation.onTermination = { _ in
            reader.cancel()
            timer.cancel()
        }
        return stream
    }
}
