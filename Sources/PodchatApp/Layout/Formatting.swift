import PodchatCore

/// Human-readable durations and counts for footers and the status bar.
enum Formatting {
    /// `0.4s`, `12s`, `3m 05s`.
    static func elapsed(_ duration: Duration) -> String {
        let seconds = max(0, duration.seconds)
        if seconds < 10 { return "\(formatDecimal(seconds, places: 1))s" }
        let whole = Int(seconds)
        if whole < 60 { return "\(whole)s" }
        let remainder = whole % 60
        return "\(whole / 60)m \(remainder < 10 ? "0" : "")\(remainder)s"
    }

    /// `950`, `1.2k`, `33k`: a token count short enough for the status bar.
    static func tokenCount(_ count: Int) -> String {
        if count < 1000 { return String(count) }
        if count < 10_000 { return formatDecimal(Double(count) / 1000, places: 1) + "k" }
        return "\(Int((Double(count) / 1000).rounded()))k"
    }

    /// A job id short enough for a status line: its first 8 characters.
    static func shortJobID(_ jobID: String) -> String {
        jobID.count > 12 ? "\(jobID.prefix(8))…" : jobID
    }

    /// `parts` joined by ` · `, each kept on one line: wrapping breaks only between parts.
    static func keepingTogether(_ parts: [String]) -> String {
        parts.map(nonBreaking).joined(separator: " · ")
    }

    /// `text` with each space character made a no-break space. Footers are made every frame they
    /// show, so ASCII text (nearly all of them) is done a code point at a time: there no space can
    /// be part of a longer character.
    private static func nonBreaking(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return String(text.map { $0 == " " ? "\u{A0}" : $0 }) }
        var result = ""
        result.unicodeScalars.append(contentsOf: text.unicodeScalars.lazy.map { $0 == " " ? "\u{A0}" : $0 })
        return result
    }

    /// `seed 1234` when a seed was sent, `seed: server's` when none was (the server drew one).
    static func seed(of parameters: SamplingParameters) -> String {
        parameters.number(of: .seed).map { "seed \(Int($0))" } ?? "seed: server's"
    }

    /// The parameters that will be sent, one `name value` part each (`max_tokens 1024`).
    static func changedParameters(_ parameters: SamplingParameters) -> [String] {
        SamplingParameter.all.compactMap { parameter in
            parameters.value(of: parameter).map { "\(parameter.name) \(parameter.format($0))" }
        }
    }
}
