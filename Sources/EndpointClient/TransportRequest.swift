import NIOHTTP1

/// One HTTP request, fully buffered.
package struct TransportRequest: Sendable, Equatable {
    /// The HTTP method.
    package var method: HTTPMethod
    /// The absolute URL, query included.
    package var url: String
    /// The request headers.
    package var headers: HTTPHeaders
    /// The body bytes, or nil for none.
    package var body: [UInt8]?
    /// How long the whole exchange may take.
    package var timeout: Duration

    /// A request; `timeout` bounds the whole exchange.
    package init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

extension TransportRequest: CustomStringConvertible, CustomReflectable {
    /// The method and URL only: the headers may hold the API key.
    package var description: String { "\(method.rawValue) \(url)" }

    /// Keeps `dump` from printing the `Authorization` header.
    package var customMirror: Mirror {
        Mirror(self, children: ["method": method, "url": url, "timeout": timeout])
    }
}
