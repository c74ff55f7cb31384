/// The inline part of Markdown: `code`, **strong**, *emphasis*, [links](url) and backslash
/// escapes, turned into styled runs. Markers without a partner stay as they are, so text that
/// only looks like Markdown (`2 * 3 * 4`, `snake_case`) reads unchanged.
enum InlineMarkdown {
    /// `text` as runs, plain parts in `base`.
    static func runs(_ text: String, base: Style) -> [StyledRun] {
        runs(settling: text, base: base).runs
    }

    /// `text` as runs, and how many of its first characters are settled: they give the same
    /// runs whatever text follows, and the rest read on its own gives the rest of the runs.
    /// That is up to a space after which no marker is left waiting for a partner (zero when
    /// there is none), so a line that grows (a reply streaming) is read on from there.
    static func runs(settling text: String, base: Style) -> (runs: [StyledRun], settled: Int) {
        var runs: [StyledRun] = []
        let settled = append(Array(text), base: base, to: &runs)
        return (runs, settled)
    }

    /// Appends `characters` as runs.
    /// - Returns: how many of the first characters are settled, as ``runs(settling:base:)`` says.
    @discardableResult
    private static func append(_ characters: [Character], base: Style, to runs: inout [StyledRun]) -> Int {
        var index = 0
        var plain = ""
        var settled = 0
        // A marker read as text that more text could still pair ends what is settled.
        var isWaiting = false
        func flush() {
            runs.append(plain, style: base)
            plain = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, isEscapable(characters[index + 1]) {
                plain.append(characters[index + 1])
                index += 2
            } else if character == "`", let end = codeSpanEnd(characters, from: index) {
                flush()
                let ticks = run(of: "`", in: characters, at: index)
                let inner = String(characters[(index + ticks)..<(end - ticks)])
                runs.append(ticks > 1 ? String(inner[...].trimmingSpaces) : inner, style: .inlineCode)
                index = end
            } else if character == "[", let link = link(in: characters, at: index) {
                flush()
                append(link.label, base: .link, to: &runs)
                if String(link.label) != link.address { runs.append(" (\(link.address))", style: .dim) }
                index = link.end
            } else if let emphasis = emphasis(in: characters, at: index) {
                flush()
                append(Array(characters[emphasis.inner]), base: emphasis.style, to: &runs)
                index = emphasis.end
            } else {
                isWaiting = isWaiting || !staysText(characters, at: index)
                plain.append(character)
                index += 1
                // The next character is known, so the space cannot combine with what follows.
                if !isWaiting && character == " " && index < characters.count { settled = index }
            }
        }
        flush()
        return settled
    }

    /// Whether the character at `index`, which did not start a span, stays text whatever
    /// follows: anything but a marker, or a marker refused for what precedes or directly
    /// follows it (`2 * 3`, `snake_case`, a backslash before a letter).
    private static func staysText(_ characters: [Character], at index: Int) -> Bool {
        switch characters[index] {
        case "\\":
            return index + 1 < characters.count
        case "*", "_":
            if characters[index] == "_" && index > 0 && isWordCharacter(characters[index - 1]) { return true }
            let after = index + min(2, run(of: characters[index], in: characters, at: index))
            return after < characters.count && characters[after] == " "
        case "`", "[":
            return false
        default:
            return true
        }
    }

    private static func isEscapable(_ character: Character) -> Bool {
        "\\`*_{}[]()#+-.!|>~".contains(character)
    }

    private static func run(of marker: Character, in characters: [Character], at index: Int) -> Int {
        var count = 0
        while index + count < characters.count && characters[index + count] == marker { count += 1 }
        return count
    }

    /// Where a code span opened at `start` ends (after its closing backticks), if it closes.
    private static func codeSpanEnd(_ characters: [Character], from start: Int) -> Int? {
        let ticks = run(of: "`", in: characters, at: start)
        var index = start + ticks
        while index < characters.count {
            if characters[index] == "`" {
                let closing = run(of: "`", in: characters, at: index)
                if closing == ticks { return index + closing }
                index += closing
            } else {
                index += 1
            }
        }
        return nil
    }

    /// `[label](address)` at `start`.
    private static func link(in characters: [Character], at start: Int) -> (label: [Character], address: String, end: Int)? {
        guard let close = characters[start...].firstIndex(of: "]"), close + 1 < characters.count, characters[close + 1] == "(",
            let end = characters[(close + 2)...].firstIndex(of: ")")
        else { return nil }
        let address = String(characters[(close + 2)..<end])
        guard !address.isEmpty, !address.contains(" "), close > start + 1 else { return nil }
        return (Array(characters[(start + 1)..<close]), address, end + 1)
    }

    /// `**strong**`, `__strong__`, `*emphasis*` or `_emphasis_` opening at `start`, if it
    /// closes on the same line. Underscores count only at word edges, so `snake_case` stays.
    private static func emphasis(in characters: [Character], at start: Int) -> (inner: Range<Int>, style: Style, end: Int)? {
        let marker = characters[start]
        guard marker == "*" || marker == "_" else { return nil }
        if marker == "_" && start > 0 && isWordCharacter(characters[start - 1]) { return nil }
        let length = min(2, run(of: marker, in: characters, at: start))
        let innerStart = start + length
        guard innerStart < characters.count, characters[innerStart] != " " else { return nil }
        var index = innerStart + 1
        while index + length <= characters.count {
            if characters[index] == marker && run(of: marker, in: characters, at: index) >= length
                && characters[index - 1] != " "
                && (marker == "*" || index + length == characters.count || !isWordCharacter(characters[index + length]))
            {
                return (innerStart..<index, length == 2 ? .strong : .emphasis, index + length)
            }
            index += 1
        }
        return nil
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
