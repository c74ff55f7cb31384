#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads Markdown a line at a time. Each line adds one step to the layout (a block, or a
/// code block's fence or line) that lines read later never change, so a text that grows (a
/// reply still streaming) can be read on from any line end with the parser as it stood there.
struct MarkdownParser {
    /// What one source line adds.
    enum Step: Equatable {
        /// A block outside code.
        case block(MarkdownBlock)
        /// A fence opened code block `number` (from 1 in the message), in `language` (or "").
        case codeOpened(number: Int, language: String)
        /// A line of the open code block, as written.
        case codeLine(String)
        /// A fence closed the open code block.
        case codeClosed
    }

    /// The marker of the open code block's fence, while one is open.
    private var fence: String?
    private var codeCount = 0
    /// The indent that continues the list item above, while one may be continued.
    private var listIndent: Int?

    /// What `line` adds, given the lines read before it.
    mutating func read(_ line: String) -> Step {
        if let marker = fence {
            guard MarkdownBlock.isFence(line, closing: marker) else { return .codeLine(line) }
            fence = nil
            return .codeClosed
        }
        if let opening = MarkdownBlock.fenceOpening(line) {
            codeCount += 1
            fence = opening.marker
            listIndent = nil
            return .codeOpened(number: codeCount, language: opening.language)
        }
        let block = MarkdownBlock.classify(line, listIndent: listIndent)
        switch block {
        case .listItem(let marker, let indent, _): listIndent = indent + marker.count + 1
        case .listContinuation, .blank: break
        case .text, .heading, .quote, .rule: listIndent = nil
        }
        return .block(block)
    }

    /// The source lines of `text`, each without its line end (`\n` or `\r\n`); the last is
    /// whatever follows the last line end, empty when the text ends with one.
    ///
    /// Found in the bytes: a line feed is always a character of its own or ends `\r\n`, so
    /// this splits where splitting the characters would, without reading the graphemes of the
    /// line still streaming on every frame.
    static func lines(of text: Substring) -> [Substring] {
        let bytes = text.utf8
        var lines: [Substring] = []
        var start = bytes.startIndex
        while let lineFeed = lineFeed(in: bytes[start...]) {
            let returnBefore = lineFeed > start && bytes[bytes.index(before: lineFeed)] == UInt8(ascii: "\r")
            lines.append(text[start..<(returnBefore ? bytes.index(before: lineFeed) : lineFeed)])
            start = bytes.index(after: lineFeed)
        }
        lines.append(text[start...])
        return lines
    }

    /// The first line feed in `bytes`, found by `memchr` when the text is stored contiguously
    /// (native strings are): the reply's last line is searched on every frame it grows.
    private static func lineFeed(in bytes: Substring.UTF8View) -> String.Index? {
        let found = bytes.withContiguousStorageIfAvailable { buffer -> Int? in
            guard let base = buffer.baseAddress, let match = memchr(base, Int32(UInt8(ascii: "\n")), buffer.count) else { return nil }
            return base.distance(to: match.assumingMemoryBound(to: UInt8.self))
        }
        guard let found else { return bytes.firstIndex(of: UInt8(ascii: "\n")) }
        return found.map { bytes.index(bytes.startIndex, offsetBy: $0) }
    }

    /// The fenced code blocks of `text`, in order; one still open runs to the end.
    static func codeBlocks(in text: String) -> [CodeBlock] {
        var parser = MarkdownParser()
        var blocks: [CodeBlock] = []
        var open: (number: Int, language: String, lines: [String])?
        func close() {
            guard let code = open else { return }
            blocks.append(CodeBlock(number: code.number, language: code.language, text: code.lines.joined(separator: "\n")))
            open = nil
        }
        for line in lines(of: text[...]) {
            switch parser.read(String(line)) {
            case .codeOpened(let number, let language): open = (number, language, [])
            case .codeLine(let line): open?.lines.append(line)
            case .codeClosed: close()
            case .block: break
            }
        }
        close()
        return blocks
    }
}
