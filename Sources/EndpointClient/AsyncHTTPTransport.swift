import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import PodchatCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real ``HTTPTransport``, on AsyncHTTPClient.
package struct AsyncHTTPTransport: HTTPTransport {
    /// The client for job polling shared by every transport that does not bring its own: the
    /// ``sharedClient(connectTimeout:)`` with a 10 s connect timeout.
    package static var defaultClient: HTTPClient { sharedClient(connectTimeout: .seconds(10)) }

    let client: HTTPClient
    private let maximumBodyBytes: Int

    /// - Parameters:
    ///   - client: The client to send with; the caller owns its lifetime.
    ///   - maximumBodyBytes: The largest response body accepted (a `/runsync` result may be 20 MB).
    package init(client: HTTPClient = AsyncHTTPTransport.defaultClient, maximumBodyBytes: Int = 64 << 20) {
        self.client = client
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// Sends `request` and collects the whole response body.
    package func send(_ request: TransportRequest) async throws -> TransportResponse {
        let outgoing = Self.clientRequest(for: request)
        let deadline = ContinuousClock.now + request.timeout
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(request.timeout.nanoseconds))
            let body = try await Self.collect(
                response.body,
                expectedLength: Self.contentLength(response.headers),
                upTo: maximumBodyBytes,
                before: deadline
            )
            return TransportResponse(status: response.status, headers: response.headers, body: body)
        } catch {
            throw Self.classify(error)
        }
    }

    /// The length a response announces, when it announces one that is a number.
    static func contentLength(_ headers: HTTPHeaders) -> Int? {
        headers.first(name: "Content-Length").flatMap { Int($0, radix: 10) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The error to throw for an AsyncHTTPClient failure: cancellation stays cancellation,
    /// everything else becomes a ``TransportError`` that says whether the request was sent.
    static func classify(_ error: any Error) -> any Error {
        if error is CancellationError || Task.isCancelled { return CancellationError() }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .cancelled: return CancellationError()
            case .connectTimeout: return TransportError(.notSent, detail: "connect timeout")
            case .deadlineExceeded, .readTimeout: return TransportError(.interrupted, detail: "timed out")
            default: return TransportError(.interrupted, detail: "\(clientError)")
            }
        }
        if let ioError = error as? IOError, let reason = connectFailure(ioError.errnoCode) {
            return TransportError(.notSent, detail: reason)
        }
        // NIOPosix's error for failed connection attempts (DNS, every address refused).
        if error is NIOConnectionError {
            return TransportError(.notSent, detail: "\(error)")
        }
        return TransportError(.interrupted, detail: "\(error)")
    }

    /// A short reason when `errno` says the connection was never made.
    private static func connectFailure(_ code: CInt) -> String? {
        switch code {
        case ECONNREFUSED: "connection refused"
        case EHOSTUNREACH, ENETUNREACH: "host unreachable"
        default: nil
        }
    }

    /// `request` as AsyncHTTPClient's request.
    static func clientRequest(for request: TransportRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        return outgoing
    }
}
