/// An endpoint URL as podchat accepts it: `http` or `https`, a host, an optional port and a
/// path, nothing else. Operations such as `/run` are appended to it, so a query or fragment
/// would break them; user names and passwords are refused because the URL is shown in the
/// status bar and saved with every conversation.
///
/// The host is read the way the HTTP client reads it (the authority ends at the first `/`, `?`
/// or `#`), so ``isLoopback`` judges the host requests really go to.
package struct EndpointURL: Sendable, Equatable {
    /// The URL without a trailing slash, its scheme in lower case.
    package let text: String
    /// Whether the scheme is `https`.
    package let isSecure: Bool
    /// The host as written, without brackets around an IPv6 address.
    package let host: String
    /// `host[:port]` as written: a short name for the endpoint that holds no secret.
    package let label: String

    /// Why a text is not an endpoint URL, in words that follow the setting's name ("must …").
    package struct Problem: Error, Sendable, Equatable {
        package var reason: String
    }

    package init(parsing given: String) throws(Problem) {
        guard !given.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Problem(reason: "must not contain spaces or control characters")
        }
        let lowered = given.lowercased()
        let schemeLength: Int
        if lowered.hasPrefix("https://") {
            (isSecure, schemeLength) = (true, 8)
        } else if lowered.hasPrefix("http://") {
            (isSecure, schemeLength) = (false, 7)
        } else {
            throw Problem(reason: "must start with http:// or https://")
        }
        let afterScheme = given.dropFirst(schemeLength)
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let path = afterScheme.dropFirst(authority.count)
        guard !path.contains("?") && !path.contains("#") else {
            throw Problem(reason: "must not have a query (?…) or fragment (#…): podchat appends paths such as /run to it")
        }
        guard !authority.contains("@") else {
            throw Problem(
                reason:
                    "must not contain a user name or password (user:password@); podchat sends the API key in a header, and the URL is saved with conversations"
            )
        }
        host = try Self.host(in: authority)
        label = String(authority)
        let whole = lowered.prefix(schemeLength) + afterScheme
        text = whole.hasSuffix("/") ? String(whole.dropLast()) : String(whole)
    }

    /// Whether requests to this URL stay on this machine: `localhost`, an IPv4 address in
    /// 127.0.0.0/8, or the IPv6 loopback `::1` (also as an IPv4-mapped 127 address).
    ///
    /// Only canonical forms count. The resolver also reads `127.1`, `0x7f.0.0.1` or `0127.0.0.1`
    /// (octal: 87.0.0.1), so anything but four plain decimal parts counts as remote: refusing
    /// a loopback address by mistake costs a flag, accepting a remote one would cost the key.
    package var isLoopback: Bool {
        let name = host.lowercased()
        if name == "localhost" { return true }
        if let address = Self.ipv4(name) { return address[0] == 127 }
        guard let address = Self.ipv6(name) else { return false }
        let loopback: [UInt8] = Array(repeating: 0, count: 15) + [1]
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF, 127]
        return address == loopback || Array(address.prefix(13)) == mappedPrefix
    }

    // MARK: - Parsing

    /// The host in `authority` (`host`, `host:port`, `[v6]` or `[v6]:port`), checked.
    private static func host(in authority: Substring) throws(Problem) -> String {
        guard !authority.isEmpty else { throw Problem(reason: "must name a host after the scheme") }
        let host: Substring
        let portText: Substring?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw Problem(reason: "has an IPv6 address without its closing ]") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            guard rest.isEmpty || rest.first == ":" else { throw Problem(reason: "must have only :PORT after the IPv6 address") }
            portText = rest.isEmpty ? nil : rest.dropFirst()
            guard ipv6(String(host)) != nil else { throw Problem(reason: "has an invalid IPv6 address") }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw Problem(reason: "must put an IPv6 address in brackets, e.g. http://[::1]:8000") }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
            let allowed = host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
            guard !host.isEmpty, allowed else {
                throw Problem(reason: "must name a host of letters, digits, dots and dashes")
            }
        }
        if let portText {
            guard (1...5).contains(portText.count), portText.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(portText),
                (1...65535).contains(port)
            else {
                throw Problem(reason: "must have a port from 1 to 65535 after the colon")
            }
        }
        return String(host)
    }

    /// The four bytes of a dotted-quad address in plain decimal (no leading zeros), else nil.
    static func ipv4(_ text: some StringProtocol) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part == "0" || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// The sixteen bytes of an IPv6 address (RFC 4291 text forms: groups of up to four hex
    /// digits, one `::`, an IPv4 address in the last 32 bits), else nil. Zone ids are refused.
    static func ipv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false)
        guard let head = halves.first.map(groupBytes) ?? nil else { return nil }
        guard halves.count == 2 else { return head.count == 16 ? head : nil }
        guard let tail = groupBytes(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// The bytes of colon-separated groups (empty text: none), the last of which may be IPv4.
    private static func groupBytes(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (position, group) in groups.enumerated() {
            if position == groups.count - 1, group.contains("."), let address = ipv4(group) {
                bytes += address
                continue
            }
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16) else { return nil }
            bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return bytes
    }
}
