import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PodchatCore

extension AsyncHTTPTransport {
    /// Streams `request` through AsyncHTTPClient's delegate, which it calls on the connection's
    /// thread: each piece reaches `receiver` where it was read, with no task, async sequence or
    /// thread between, so a streamed reply's tokens wake no thread but the network's and the
    /// loop's (see ``HTTPTransport/stream(_:into:)``). Ending the request early closes the
    /// connection, so the server sees the reader leave (vLLM then aborts the generation).
    package func stream(_ request: TransportRequest, into receiver: some StreamReceiver) async throws {
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(
                url: request.url, method: request.method, headers: request.headers, body: request.body.map { .bytes($0) })
        } catch {
            throw Self.classify(error)
        }
        let delegate = ReceivingDelegate(receiver: receiver, idle: IdleTimer(limit: request.timeout))
        let task = client.execute(request: outgoing, delegate: delegate)
        // The timer bounds the wait for the head and then every gap between pieces.
        let timer = Task {
            try await delegate.idle.waitUntilIdle()
            task.cancel()
        }
        defer { timer.cancel() }
        do {
            try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
        } catch {
            if delegate.idle.hasFired {
                throw TransportError(.interrupted, detail: "timed out: no data for \(request.timeout.readable)")
            }
            if delegate.receiverLeft && !Task.isCancelled { return }
            throw Self.classify(error)
        }
    }
}
