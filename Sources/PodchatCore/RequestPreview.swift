/// One HTTP request as a backend would send it, with the API key left out: what the request
/// inspector shows and what `ask --dry-run` prints. The backend builds it with the same code
/// that builds the request it sends, so the two cannot drift.
package struct RequestPreview: Sendable, Equatable {
    /// A request header. The API key's header holds a shell expansion of the variable the key is
    /// read from (`Bearer $RUNPOD_API_KEY`) in place of the key.
    package struct Header: Sendable, Equatable {
        package var name: String
        package var value: String
        /// Whether `value` names an environment variable for the shell to fill in.
        package var expandsVariable: Bool

        package init(name: String, value: String, expandsVariable: Bool = false) {
            self.name = name
            self.value = value
            self.expandsVariable = expandsVariable
        }
    }

    /// `GET` or `POST`.
    package var method: String
    /// The absolute URL, query included.
    package var url: String
    /// The headers in the order they are sent.
    package var headers: [Header]
    /// The body as it is sent, byte for byte; empty for none.
    package var body: [UInt8]
    /// What else the exchange takes, for people (the polls that follow a `/run`, say).
    package var notes: [String]

    package init(method: String, url: String, headers: [Header], body: [UInt8], notes: [String] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.notes = notes
    }

    /// The body as indented JSON with sorted keys (``JSONValue/prettyText``), or as it is when it
    /// is not JSON.
    package var prettyBody: String {
        (try? JSONValue(parsing: body))?.prettyText ?? String(decoding: body, as: UTF8.self)
    }

    /// The request as a `curl` command for a POSIX shell: every value single-quoted (so nothing
    /// in a message is expanded), but the key's header double-quoted, so the shell fills the key
    /// in from its variable and the command itself never holds it. The body is quoted inline
    /// rather than read from standard input (`@-`), so the command is one paste.
    package var curlCommand: String {
        var parts = ["curl -sS"]
        let inferred = body.isEmpty ? "GET" : "POST"
        if method != inferred { parts.append("-X \(method)") }
        if headers.contains(where: { $0.name.lowercased() == "accept" && $0.value == "text/event-stream" }) {
            parts.append("-N")  // Server-Sent Events: print each as it arrives.
        }
        parts.append(Self.shellQuoted(url))
        for header in headers {
            let line = "\(header.name): \(header.value)"
            parts.append("-H " + (header.expandsVariable ? Self.expandingQuoted(line) : Self.shellQuoted(line)))
        }
        if !body.isEmpty { parts.append("--data-binary " + Self.shellQuoted(String(decoding: body, as: UTF8.self))) }
        return parts.joined(separator: " \\\n  ")
    }

    /// `text` in single quotes, each `'` in it written `'\''`: the shell takes every other byte
    /// as it is, newlines and `$` included.
    package static func shellQuoted(_ text: String) -> String {
        "'" + text.replacing("'", with: #"'\''"#) + "'"
    }

    /// `text` in double quotes, so a `$NAME` in it expands; characters that would do more than
    /// that (`` ` ``, `\`, `"`, `!`) make it single-quoted instead.
    private static func expandingQuoted(_ text: String) -> String {
        text.contains(where: { "`\\\"!".contains($0) }) ? shellQuoted(text) : "\"" + text + "\""
    }
}
