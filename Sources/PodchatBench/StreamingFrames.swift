import PodchatApp
import PodchatCore

/// A chat window whose conversation has `messageCount` messages, the last a reply that is
/// about to stream, driven by the ``LoopDriver``: each frame is a batch of a clock tick and one
/// delta, applied, then drawn with the loop's transcript cache on a ``ComparingTerminal``, which
/// compares it row by row with the frame before, as the terminal layer does before it copies
/// the changed rows to ncurses.
struct StreamingFrames {
    /// What one frame cost, in microseconds.
    struct Timing {
        /// The tick and the delta applied to the state.
        var applying: Double
        /// `AppView.render` with the loop's cache.
        var drawing: Double
        /// Finding the rows that differ from the frame before.
        var comparing: Double
        var changedRows: Int

        var frame: Double { applying + drawing + comparing }
    }

    let messageCount: Int
    let size: Size
    /// The window right after Enter: the reply requested and queued, no text yet.
    private let start: AppState
    private let request: RequestID

    init(messageCount: Int, size: Size, text: inout FixtureText) throws {
        var state = AppState(endpoint: EndpointIdentity(label: "bench"), size: size, now: .now, wallTimeAtStart: 1_795_000_000)
        // Restored messages, then the question typed below and its reply make `messageCount`.
        if messageCount > 2 {
            try state.restore(
                FixtureConversation.make(
                    id: "00000000000f4a3e", title: "Frames", updatedAt: 1_795_000_000, messageCount: messageCount - 2, questionLength: 200,
                    replyLength: 800, text: &text))
        }
        for character in "Tell me more about that, with an example." { _ = state.handle(.keyPressed(.character(character))) }
        let started = state.handle(.keyPressed(.enter)).compactMap { effect -> RequestID? in
            if case .completion(.start(let id, _)) = effect { return id }
            return nil
        }
        guard let id = started.first, state.conversation.entries.count == messageCount else {
            throw BenchmarkFailure("Enter did not request a reply as message \(messageCount)")
        }
        for event in [CompletionEvent.queued(jobID: "bench-job-1"), .started] { _ = state.handle(.reply(id, .received(event))) }
        self.messageCount = messageCount
        self.size = size
        start = state
        request = id
    }

    /// Streams `pieces` into the reply, one piece a frame, from the first frame the loop draws
    /// after Enter, and returns each frame's cost.
    func stream(_ pieces: [String]) throws -> [Timing] {
        let terminal = ComparingTerminal(size: size)
        var loop = LoopDriver(state: start, terminal: terminal, perform: { _ in })
        loop.draw()
        var timings: [Timing] = []
        timings.reserveCapacity(pieces.count)
        for piece in pieces {
            let (_, applying) = Stopwatch.time {
                loop.apply([.clockTicked(.now), .reply(request, .received(.delta(choice: 0, text: piece)))])
            }
            let (_, drawing) = Stopwatch.time { loop.draw() }
            timings.append(
                Timing(
                    applying: applying * 1000, drawing: (drawing - terminal.comparing) * 1000, comparing: terminal.comparing * 1000,
                    changedRows: terminal.changedRows))
        }
        guard let last = pieces.last?.split(whereSeparator: \.isWhitespace).last, terminal.lastFrame?.lines.joined().contains(last) == true else {
            throw BenchmarkFailure("the last frame does not show the last piece streamed")
        }
        return timings
    }
}
