import PodchatCore

extension Duration {
    /// The duration for messages, in the unit that reads best: `250 ms`, `1.5 s`, `30 s`,
    /// `2 min`, `1 min 30 s`, `1 h 5 min`.
    var readable: String {
        let milliseconds = self.milliseconds
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 10_000 && milliseconds % 1000 != 0 {
            return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
        }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return Self.join(seconds / 60, "min", seconds % 60, "s") }
        return Self.join(seconds / 3600, "h", seconds % 3600 / 60, "min")
    }

    /// `2 min`, or `2 min 30 s` when there is a remainder.
    private static func join(_ whole: Int64, _ unit: String, _ rest: Int64, _ restUnit: String) -> String {
        rest == 0 ? "\(whole) \(unit)" : "\(whole) \(unit) \(rest) \(restUnit)"
    }
}
