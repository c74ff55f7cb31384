/// Where the transcript is scrolled to.
package enum TranscriptScroll: Sendable, Equatable {
    /// The newest text is at the bottom and new text scrolls into view.
    case following
    /// Held still while the user reads: the top row shows row `row` of message `entry`'s block
    /// (its separator, label, text and footer), so text arriving below moves nothing.
    case anchored(entry: Int, row: Int)
}
