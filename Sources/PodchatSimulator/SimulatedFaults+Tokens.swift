extension SimulatedFaults {
    /// About 2 MB of filler for `[[sim:bigchunk]]`: over the 1 MB production allows per chunk.
    static let bigChunkFiller = String(repeating: " big chunk filler", count: 2 << 20 / 17)

    /// A choice's reply tokens with the content faults applied: `[[sim:bigchunk]]` grows the
    /// first token, `[[sim:badutf8]]` marks the second (the first when there is only one).
    func applied(to tokens: [String]) -> [String] {
        var tokens = tokens
        guard !tokens.isEmpty else { return tokens }
        if bigChunk { tokens[0] += Self.bigChunkFiller }
        if badUTF8 { tokens[min(1, tokens.count - 1)] += String(Character(BrokenUTF8.marker)) }
        return tokens
    }
}
