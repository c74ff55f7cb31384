extension SimulatedFaults {
    /// About 2 MB of filler for `[[sim:bigchunk]]`: over the 1 MB production allows per chunk.
    static let bigChunkFiller = String(repeating: " big chunk filler", count: 2 << 20 / 17)

    /// What `[[sim:hostile]]` adds: each kind of sequence that could steer a terminal, with
    /// plain text, a tab and newlines around them that must still show.
    package static let hostileText =
        "BEFORE\u{1B}[2J\u{1B}[10;10H\u{1B}[6n cleared?\tTAB\n"
        + "\u{1B}]52;c;cHduZWQ=\u{07}CLIPBOARD \u{1B}]8;;https://evil.example/\u{1B}\\LINK\u{1B}]8;;\u{1B}\\ "
        + "\u{1B}]0;pwned\u{07}TITLE \u{1B}P1$qm\u{1B}\\DCS \u{9B}31mC1 \u{202E}REVERSED\u{202C} AFTER\n"

    /// A choice's reply tokens with the content faults applied: `[[sim:bigchunk]]` grows the
    /// first token, `[[sim:hostile]]` fills it with control sequences, `[[sim:badutf8]]` marks
    /// the second (the first when there is only one).
    func applied(to tokens: [String]) -> [String] {
        var tokens = tokens
        guard !tokens.isEmpty else { return tokens }
        if bigChunk { tokens[0] += Self.bigChunkFiller }
        if hostile { tokens[0] = Self.hostileText + tokens[0] }
        if badUTF8 { tokens[min(1, tokens.count - 1)] += String(Character(BrokenUTF8.marker)) }
        return tokens
    }
}
