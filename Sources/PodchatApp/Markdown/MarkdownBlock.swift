/// One block of a Markdown message outside code, as the transcript lays it out (code blocks
/// come line by line from ``MarkdownParser``). Source lines stay lines: a model's single
/// newlines are meant as breaks, so paragraphs are not joined.
enum MarkdownBlock: Equatable {
    case text(String)
    case heading(level: Int, String)
    /// A list item: its marker as written (`-`, `3.`), how deep it is nested (leading spaces),
    /// and its text.
    case listItem(marker: String, indent: Int, String)
    /// A line indented under a list item, continuing it.
    case listContinuation(indent: Int, String)
    case quote(String)
    case rule
    case blank

    /// What `line` is, outside a code block; `listIndent` is the indent that continues the
    /// list item above, if one may be continued.
    static func classify(_ line: String, listIndent: Int?) -> MarkdownBlock {
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        if body.isEmpty { return .blank }
        if let heading = heading(body), indent < 4 { return heading }
        if isRule(body) { return .rule }
        if body.hasPrefix(">") { return .quote(String(body.dropFirst().drop { $0 == " " })) }
        if let item = listItem(body, indent: indent) { return item }
        if let listIndent, indent >= 2 { return .listContinuation(indent: min(indent, listIndent), String(body)) }
        return .text(line)
    }

    private static func heading(_ body: Substring) -> MarkdownBlock? {
        let level = body.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = body.dropFirst(level)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var title = rest.trimmingSpaces
        while title.hasSuffix("#") { title.removeLast() }
        return .heading(level: level, String(title.trimmingSpaces))
    }

    /// Three or more of one of `-*_`, spaces allowed. Stops at the first other character, so
    /// a long line of text (the line of a reply still streaming, on every frame) costs nothing.
    private static func isRule(_ body: Substring) -> Bool {
        guard let first = body.first, "-*_".contains(first) else { return false }
        var count = 0
        for character in body where character != " " {
            guard character == first else { return false }
            count += 1
        }
        return count >= 3
    }

    private static func listItem(_ body: Substring, indent: Int) -> MarkdownBlock? {
        if let first = body.first, "-*+".contains(first), body.dropFirst().first == " " {
            return .listItem(marker: String(first), indent: indent, String(body.dropFirst(2)))
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = body.dropFirst(digits.count)
        guard let delimiter = rest.first, delimiter == "." || delimiter == ")", rest.dropFirst().first == " " else { return nil }
        return .listItem(marker: digits + String(delimiter), indent: indent, String(rest.dropFirst(2)))
    }

    /// A line that opens a fence: three or more backticks or tildes, then the language.
    static func fenceOpening(_ line: String) -> (marker: String, language: String)? {
        let body = line.drop { $0 == " " }
        guard let first = body.first, first == "`" || first == "~" else { return nil }
        let marker = body.prefix { $0 == first }
        guard marker.count >= 3 else { return nil }
        let info = body.dropFirst(marker.count).trimmingSpaces
        if first == "`" && info.contains("`") { return nil }
        return (String(marker), String(info.prefix { $0 != " " }))
    }

    /// Whether `line` closes a code block opened with `marker`.
    static func isFence(_ line: String, closing marker: String) -> Bool {
        let body = line[...].trimmingSpaces
        guard let first = marker.first, body.count >= marker.count else { return false }
        return body.allSatisfy { $0 == first }
    }
}

extension Substring {
    /// The text without spaces at either end.
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
