import NIOHTTP1
import PodchatCore

/// A request as the clients build it, with the API key's header holding a placeholder: the one
/// value both sending (``authorized(with:timeout:)`` puts the key in) and showing
/// (``preview(notes:)``) start from, so what podchat shows is what it sends.
package struct PreparedRequest: Sendable, Equatable {
    /// The header that carries the key.
    static let authorization = "Authorization"

    package var method: HTTPMethod
    /// The absolute URL, query included.
    package var url: String
    /// The headers in sending order; `Authorization` holds `Bearer $VARIABLE`, never the key.
    package var headers: HTTPHeaders
    /// The body bytes, or nil for none.
    package var body: [UInt8]?

    /// - Parameters:
    ///   - keyVariable: The environment variable the key is read from, for the placeholder;
    ///     nil sends no `Authorization` header.
    package init(method: HTTPMethod, url: String, headers: HTTPHeaders, keyVariable: String?, body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        var headers = headers
        if let keyVariable { headers.add(name: Self.authorization, value: "Bearer $\(keyVariable)") }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        self.headers = headers
        self.body = body
    }

    /// The request to send: the placeholder replaced by `key`'s bearer token.
    package func authorized(with key: APIKey?, timeout: Duration) -> TransportRequest {
        var sent = HTTPHeaders()
        for (name, value) in headers {
            guard name == Self.authorization else {
                sent.add(name: name, value: value)
                continue
            }
            // In the placeholder's place, so the order is the preview's; never the placeholder
            // itself: without a key, no header.
            if let key { sent.add(name: name, value: key.bearerToken) }
        }
        return TransportRequest(method: method, url: url, headers: sent, body: body, timeout: timeout)
    }

    /// The request as the inspector and `ask --dry-run` show it.
    package func preview(notes: [String] = []) -> RequestPreview {
        let shown = headers.map { name, value in
            RequestPreview.Header(name: name, value: value, expandsVariable: name == Self.authorization)
        }
        return RequestPreview(method: method.rawValue, url: url, headers: shown, body: body ?? [], notes: notes)
    }
}
