import AsyncHTTPClient
import NIOCore
import NIOPosix
import PodchatCore
import Synchronization

extension AsyncHTTPTransport {
    /// Clients by connect timeout; each lives as long as the process, so none needs `shutdown()`.
    private static let clients = Mutex<[Duration: HTTPClient]>([:])

    /// The one network thread of the shared clients. A chat client's few connections need no
    /// more, and with one thread a connection and its request share it: on a group of several,
    /// AsyncHTTPClient may put a request on another thread than its connection's and hop every
    /// piece of a streamed body across, waking a second thread per token.
    private static let networkThread = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The shared client for job polling with the given connect timeout, made on first use.
    ///
    /// Unlike `HTTPClient.shared` (90 s connect and read timeouts, connection retries until
    /// the deadline), it fails fast when nothing listens, so podchat's own retry policy can
    /// report it, and has no read timeout, because `/runsync` may hold a request open for
    /// minutes; each request's `timeout` bounds it instead.
    package static func sharedClient(connectTimeout: Duration) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[connectTimeout] { return client }
            var configuration = HTTPClient.Configuration(
                timeout: .init(connect: .nanoseconds(connectTimeout.nanoseconds), read: nil),
                connectionPool: .init(idleTimeout: .seconds(60))
            )
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: networkThread, configuration: configuration)
            clients[connectTimeout] = client
            return client
        }
    }

    /// A transport on the shared client with this connect timeout.
    ///
    /// - Parameter maximumBodyBytes: The largest response body accepted.
    package init(connectTimeout: Duration, maximumBodyBytes: Int = 64 << 20) {
        self.init(client: Self.sharedClient(connectTimeout: connectTimeout), maximumBodyBytes: maximumBodyBytes)
    }

    /// The whole of `body`, failing with AsyncHTTPClient's own timeout error at `deadline`.
    ///
    /// AsyncHTTPClient's request deadline ends with the response head, so a server that
    /// sends the head and then stalls would otherwise hold a poll forever.
    static func collect(
        _ body: HTTPClientResponse.Body,
        expectedLength: Int?,
        upTo limit: Int,
        before deadline: ContinuousClock.Instant
    ) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { try await bytes(of: body, expectedLength: expectedLength, upTo: limit) }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let collected = try await group.next(), let bytes = collected else {
                throw HTTPClientError.deadlineExceeded
            }
            return bytes
        }
    }

    /// The body's bytes in one array, reserved from its `Content-Length` when the server sent
    /// one, failing with NIO's own error once more than `limit` bytes arrive.
    ///
    /// `collect(upTo:)` grows a buffer by doubling and the caller then copied it into an array:
    /// a 2,000-token job's `/status` answer (about 550 KB) briefly held 1 MiB plus the copy,
    /// most of podchat's peak memory above its steady state (BENCHMARKS.md, "Memory").
    package static func bytes(of body: some AsyncSequence<ByteBuffer, any Error>, expectedLength: Int?, upTo limit: Int)
        async throws -> [UInt8]
    {
        if let expectedLength, expectedLength > limit { throw NIOTooManyBytesError(maxBytes: limit) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expectedLength ?? 0)
        for try await piece in body {
            guard piece.readableBytes <= limit - bytes.count else { throw NIOTooManyBytesError(maxBytes: limit) }
            bytes.append(contentsOf: piece.readableBytesView)
        }
        return bytes
    }
}
