import PodchatCore

/// A Runpod job API request that did not get the answer it asked for.
package enum RunpodRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint answered with a status outside 200…299.
    ///
    /// `retryAfter` is the `Retry-After` header in seconds, when present; `body` is the start
    /// of the response body, on one line.
    case status(code: Int, retryAfter: Duration?, body: String)
    /// No HTTP response arrived.
    case transport(TransportError)
    /// A 2xx response whose body is not the JSON that operation returns.
    case malformedResponse(String)

    /// The failure in a few words, e.g. `HTTP 503: busy`.
    package var description: String {
        switch self {
        case .status(let code, _, let body): body.isEmpty ? "HTTP \(code)" : "HTTP \(code): \(Self.readable(body))"
        case .transport(let error): error.description
        case .malformedResponse(let excerpt): "unexpected response: \(excerpt)"
        }
    }

    /// Whether the endpoint may have acted on the request although no usable answer came
    /// back: a job created by `/run`, or chunks drained by `/stream` and lost with the answer.
    /// Only a request that never connected, or was turned away as such (429, 4xx), did not.
    var mayHaveTakenEffect: Bool {
        switch self {
        case .status(let code, _, _): code >= 500 || code == 408
        case .transport(let error): error.kind == .interrupted
        case .malformedResponse: true
        }
    }

    /// Whether the server turned the request away for coming too often (HTTP 429).
    var isRateLimited: Bool {
        if case .status(429, _, _) = self { true } else { false }
    }

    /// The message inside a JSON error body such as `{"error": "…"}`, else the body as it is.
    private static func readable(_ body: String) -> String {
        guard let json = JSONValue(parsing: body), json["error"] != nil || json["message"] != nil else { return body }
        return WorkerErrorMessage(json).message
    }

    /// The start of `body` as one line, short enough for a message.
    static func excerpt(_ body: [UInt8], limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit * 4), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace()
        return line.count > limit ? line.prefix(limit) + "…" : line
    }
}
