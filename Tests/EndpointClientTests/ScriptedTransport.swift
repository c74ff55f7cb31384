import EndpointClient
import NIOHTTP1
import Synchronization

/// An ``HTTPTransport`` that answers from a script, in order, and records every request.
///
/// A request that does not match the next exchange (method and path after the base URL) gets
/// HTTP 418 and is listed in ``mismatches``, so a test fails with a readable reason.
final class ScriptedTransport: HTTPTransport {
    /// How the transport answers one request.
    enum Reply: Sendable {
        /// An HTTP response with a JSON (or any text) body.
        case respond(HTTPResponseStatus, body: String, headers: HTTPHeaders = [:])
        /// No response: a network failure.
        case fail(TransportError)
        /// Never answers; ends only when the calling task is cancelled.
        case hang
        /// A response whose body arrives in `pieces`, then ends as `end` says (read whole by `send`).
        case stream(HTTPResponseStatus, pieces: [[UInt8]], end: StreamEnd)
    }

    /// How a streamed body ends after its pieces.
    enum StreamEnd: Sendable {
        case finish
        /// The connection fails.
        case fail(TransportError)
        /// The body never ends by itself, only when the reader drops it.
        case hang
    }

    /// One expected request, `"GET /stream/j1"`, and its reply.
    struct Exchange: Sendable {
        var request: String
        var reply: Reply
    }

    private struct State {
        var script: [Exchange]
        var requests: [TransportRequest] = []
        var mismatches: [String] = []
        var closedStreams = 0
    }

    let baseURL: String
    private let state: Mutex<State>

    init(baseURL: String = "http://runpod.test/v2/ep", _ script: [Exchange]) {
        self.baseURL = baseURL
        state = Mutex(State(script: script))
    }

    /// Every request so far, as `"METHOD /path"`.
    var requestLines: [String] { state.withLock { $0.requests.map(line(for:)) } }
    /// The requests themselves, headers and bodies included.
    var requests: [TransportRequest] { state.withLock { $0.requests } }
    var mismatches: [String] { state.withLock { $0.mismatches } }
    /// Exchanges the code under test never asked for.
    var unusedExchanges: [String] { state.withLock { $0.script.map(\.request) } }
    /// Streamed bodies the reader dropped before they ended: closed connections.
    var closedStreams: Int { state.withLock { $0.closedStreams } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let exchange = take(request) else { return Self.notInScript }
        switch exchange.reply {
        case .respond(let status, let body, let headers):
            return TransportResponse(status: status, headers: headers, body: Array(body.utf8))
        case .fail(let error):
            throw error
        case .hang:
            try await Self.hang()
        case .stream(let status, let pieces, let end):
            if case .fail(let error) = end { throw error }
            if case .hang = end { try await Self.hang() }
            return TransportResponse(status: status, body: pieces.flatMap { $0 })
        }
    }

    func stream(_ request: TransportRequest, into receiver: some StreamReceiver) async throws {
        guard let exchange = take(request) else {
            receiver.receivedHead(status: Self.notInScript.status, headers: [:])
            _ = receiver.received(Self.notInScript.body)
            return
        }
        switch exchange.reply {
        case .respond(let status, let text, let headers):
            receiver.receivedHead(status: status, headers: headers)
            _ = receiver.received(Array(text.utf8))
        case .fail(let error):
            throw error
        case .hang:
            try await Self.hang()
        case .stream(let status, let pieces, let end):
            receiver.receivedHead(status: status, headers: [:])
            for piece in pieces where !receiver.received(piece) { return closeStream() }
            try await self.end(end)
        }
    }

    /// Ends a streamed body after its pieces as `end` says.
    private func end(_ end: StreamEnd) async throws {
        switch end {
        case .finish:
            return
        case .fail(let error):
            throw error
        case .hang:
            // Only the reader leaving ends it, which closes the connection.
            do { try await Self.hang() } catch {
                closeStream()
                throw error
            }
        }
    }

    /// Counts a connection closed because its reader left before the body ended.
    private func closeStream() {
        state.withLock { $0.closedStreams += 1 }
    }

    private static let notInScript = TransportResponse(status: .imATeapot, body: Array("not in script".utf8))

    /// Waits until the calling task is cancelled.
    private static func hang() async throws -> Never {
        try await Task.sleep(for: .seconds(3600))
        throw CancellationError()
    }

    /// The next exchange when it matches `request`, which is recorded either way.
    private func take(_ request: TransportRequest) -> Exchange? {
        state.withLock { state -> Exchange? in
            state.requests.append(request)
            let line = line(for: request)
            guard let next = state.script.first, next.request == line else {
                state.mismatches.append("unexpected \(line), expected \(state.script.first?.request ?? "nothing")")
                return nil
            }
            return state.script.removeFirst()
        }
    }

    /// Waits until a request line satisfies `condition`, for work a test cannot await directly.
    func waitForRequest(where condition: (String) -> Bool) async throws {
        var attempts = 0
        while !requestLines.contains(where: condition), attempts < 2500 {
            attempts += 1
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    private func line(for request: TransportRequest) -> String {
        let path = request.url.hasPrefix(baseURL) ? String(request.url.dropFirst(baseURL.count)) : request.url
        return "\(request.method.rawValue) \(path)"
    }
}

extension ScriptedTransport.Exchange {
    /// `request` answered 200 with `json`.
    static func ok(_ request: String, _ json: String) -> Self {
        Self(request: request, reply: .respond(.ok, body: json))
    }

    /// `request` answered with `status` and `body`.
    static func status(_ request: String, _ status: HTTPResponseStatus, _ body: String = "", headers: HTTPHeaders = [:])
        -> Self
    {
        Self(request: request, reply: .respond(status, body: body, headers: headers))
    }

    /// `request` answered 200 with a body that arrives in `pieces`, then ends as `end` says.
    static func stream(_ request: String, _ pieces: [[UInt8]], end: ScriptedTransport.StreamEnd = .finish) -> Self {
        Self(request: request, reply: .stream(.ok, pieces: pieces, end: end))
    }
}
