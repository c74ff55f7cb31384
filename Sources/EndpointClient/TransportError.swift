/// A request that got no HTTP response.
package struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// How far the request got, which decides whether it is safe to send again.
    package enum Kind: Sendable, Equatable {
        /// No connection was made, so the server certainly never saw the request.
        case notSent
        /// The connection failed or timed out after the request may have reached the server.
        case interrupted
    }

    /// How far the request got.
    package var kind: Kind
    /// What went wrong, for people.
    package var detail: String

    /// An error of `kind`, described by `detail`.
    package init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The failure for people, e.g. `could not connect (connection refused)`.
    package var description: String {
        switch kind {
        case .notSent: "could not connect (\(detail))"
        case .interrupted: "connection failed (\(detail))"
        }
    }
}
