/// The API key and where it came from.
///
/// The secret is reachable only through ``secret``; printing, interpolating, dumping or
/// reflecting an `APIKey` (or an ``Endpoint`` holding one) shows its source, never the key, so
/// a stray `"\(endpoint)"` in a message or a log cannot leak it. It is deliberately not
/// `Codable`, so it cannot end up in a saved conversation or a JSON report.
package struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key itself: for the `Authorization` header and for scrubbing server messages, nothing else.
    package let secret: String
    package let source: APIKeySource

    package init(_ secret: String, source: APIKeySource) {
        self.secret = secret
        self.source = source
    }

    /// The `Authorization` header's value.
    package var bearerToken: String { "Bearer \(secret)" }

    package var description: String { "API key from \(source)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["source": source]) }

    /// `text` with every occurrence of the key blacked out, for messages that quote a server
    /// which might echo it.
    package func redacting(_ text: String) -> String {
        text.replacing(secret, with: "[API key]")
    }

    /// `failure` with the key blacked out of its message and detail.
    package func redacting(_ failure: CompletionFailure) -> CompletionFailure {
        var failure = failure
        failure.message = redacting(failure.message)
        failure.detail = failure.detail.map(redacting)
        return failure
    }
}
