import NIOCore
import NIOHTTP1

/// Serves one HTTP/1.1 connection: collects each request's head and body, asks the router,
/// writes the answer, and keeps the connection open unless the client asked otherwise.
struct HTTPConnection {
    let channel: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    let router: SimulatorRouter

    func serve() async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = ByteBuffer()
                for try await part in inbound {
                    switch part {
                    case .head(let requestHead):
                        head = requestHead
                        body.clear()
                        // curl asks before sending bodies over 1 KB, and would otherwise wait a second.
                        if requestHead.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                            try await outbound.write(.head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                        }
                    case .body(var chunk):
                        body.writeBuffer(&chunk)
                    case .end:
                        guard let requestHead = head else { continue }
                        let response = await router.respond(to: RecordedRequest(requestHead, body: body))
                        try await write(response, answering: requestHead, to: outbound)
                        if !requestHead.isKeepAlive { return }
                    }
                }
            }
        } catch {
            // The client went away or the server is stopping; either way this connection is done.
        }
    }

    private func write(
        _ response: SimulatorResponse, answering request: HTTPRequestHead,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders(response.headers)
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        switch response.body {
        case .text(let text):
            headers.add(name: "Content-Length", value: String(text.utf8.count))
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
        case .bytes(let bytes):
            headers.add(name: "Content-Length", value: String(bytes.count))
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
        case .cut(let bytes, let declaredLength):
            headers.add(name: "Content-Length", value: String(declaredLength))
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
            try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
            throw ConnectionCut()
        case .stream(let produce):
            // Without a Content-Length NIO sends the body chunked.
            try await outbound.write(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers)))
            try await produce { piece in try await outbound.write(.body(.byteBuffer(ByteBuffer(string: piece)))) }
        }
        try await outbound.write(.end(nil))
    }
}

/// Ends a connection in the middle of an answer, as a reset does: `serve()` closes it.
private struct ConnectionCut: Error {}

extension RecordedRequest {
    /// The request as NIO parsed it.
    init(_ head: HTTPRequestHead, body: ByteBuffer) {
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        self.init(method: head.method.rawValue, path: head.uri, headers: headers, body: String(buffer: body))
    }
}
