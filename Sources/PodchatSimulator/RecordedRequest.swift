import PodchatCore

/// One HTTP request as the simulator received it.
package struct RecordedRequest: Sendable, Equatable {
    package var method: String
    /// The request target: path and query, e.g. `/v2/demo/runsync?wait=1000`.
    package var path: String
    /// Header values by lowercased name; repeated headers are joined with ", ".
    package var headers: [String: String]
    package var body: String

    package init(method: String, path: String, headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// The body parsed as JSON, or nil when it is not JSON.
    package var json: JSONValue? { JSONValue(parsing: body) }

    /// The value of header `name`, looked up case-insensitively.
    package func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The path without the query, split into its non-empty segments.
    var pathSegments: [Substring] {
        path.prefix { $0 != "?" }.split(separator: "/")
    }

    /// The value of query parameter `name`, e.g. `wait` in `?wait=1000`.
    func queryValue(_ name: String) -> String? {
        guard let start = path.firstIndex(of: "?") else { return nil }
        for pair in path[path.index(after: start)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}
