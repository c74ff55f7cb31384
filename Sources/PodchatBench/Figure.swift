/// One number a benchmark repetition reports, such as a duration or a memory peak.
struct Figure: Sendable {
    enum Unit: String, Sendable {
        case milliseconds = "ms"
        case microseconds = "µs"
        case mebibytes = "MiB"
        case megabytes = "MB"
        case megabytesPerSecond = "MB/s"
        /// A plain count (files, messages, matches).
        case count = ""
    }

    /// What the number is, in a few words; repetitions are grouped by it.
    let name: String
    let value: Double
    let unit: Unit
}
