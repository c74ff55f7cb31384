import PodchatApp
import PodchatCore

extension Benchmark {
    /// The conversation lengths and terminal sizes frames are measured at.
    static let frameCostWindows = [
        (10, Size(width: 80, height: 24)), (10, Size(width: 120, height: 40)), (10, Size(width: 250, height: 80)),
        (10_000, Size(width: 80, height: 24)), (10_000, Size(width: 250, height: 80)),
    ]
    /// Pieces (about tokens) in each streamed reply.
    static let frameCostReplyPieces = 2_000

    /// What one streamed delta costs the chat window: apply it, draw the frame with the cache
    /// the event loop keeps, and find the rows that changed, in conversations of 10 and 10,000
    /// messages at 80×24, 120×40 (`Scripts/bench-terminal.sh`'s window) and 250×80, for a reply
    /// of paragraphs, lists and short code blocks, for one that is a long code block, and for one
    /// that is a single paragraph (as `podchat simulate`'s long replies are). ncurses' own copy
    /// of the changed rows to the terminal is not in it (this executable does not link ncurses;
    /// `Scripts/bench-terminal.sh` measures the whole program).
    static let frameCost = Benchmark(
        name: "frame-cost",
        measures: "one streamed delta applied and its frame drawn (µs, median over the frames of a 2,000-piece reply, early and late)"
    ) { _ in
        var text = FixtureText(seed: 24)
        let reply = text.streamedReply(pieces: frameCostReplyPieces)
        let program = text.streamedCodeReply(pieces: frameCostReplyPieces)
        let paragraph = text.streamedParagraphReply(pieces: frameCostReplyPieces)
        let windows = try frameCostWindows.map { count, size in try StreamingFrames(messageCount: count, size: size, text: &text) }
        return {
            try windows.flatMap { window in
                let timings = try window.stream(reply)
                let late = timings.suffix(200)
                let label = "\(window.messageCount) messages, \(window.size.width)×\(window.size.height)"
                return [
                    Figure(name: "\(label): frame, reply pieces 1–200", value: timings.prefix(200).map(\.frame).median ?? 0, unit: .microseconds),
                    Figure(name: "\(label): frame, reply pieces 1,801–2,000", value: late.map(\.frame).median ?? 0, unit: .microseconds),
                    Figure(name: "\(label):   of which applying", value: late.map(\.applying).median ?? 0, unit: .microseconds),
                    Figure(name: "\(label):   of which drawing", value: late.map(\.drawing).median ?? 0, unit: .microseconds),
                    Figure(name: "\(label):   of which comparing rows", value: late.map(\.comparing).median ?? 0, unit: .microseconds),
                    Figure(name: "\(label):   rows changed", value: late.map { Double($0.changedRows) }.median ?? 0, unit: .count),
                    Figure(
                        name: "\(label): frame, reply all code, pieces 1,801–2,000",
                        value: try window.stream(program).suffix(200).map(\.frame).median ?? 0, unit: .microseconds),
                    Figure(
                        name: "\(label): frame, reply one paragraph, pieces 1,801–2,000",
                        value: try window.stream(paragraph).suffix(200).map(\.frame).median ?? 0, unit: .microseconds),
                ]
            }
        }
    }
}
