import PodchatCore

/// Groups a streamed OpenAI reply's Server-Sent Events into handler yields, each a string of raw
/// SSE text, the way each worker generation does.
enum SSEYields {
    /// Legacy worker (protocol.md §4.3): events batched 1, 3, 9, 27, 50… with the worker's
    /// default sizes, `[DONE]` counting as one event.
    static func batched(_ events: [OpenAIResponseWriter.Event]) -> [JobPlan.Yield] {
        var start = 0
        return BatchPolicy().chunkEnds(count: events.count).map { end in
            let text = events[start..<end].map(\.text).joined()
            start = end
            return JobPlan.Yield(step: events[end - 1].step, output: .string(text))
        }
    }

    /// Proxy worker (protocol.md §3.4): whatever vLLM had sent by each step, read off the socket
    /// at arbitrary points. Every third read stops a third short of its end, and the rest is the
    /// next read, at the same step, so events straddle yields deterministically. The rest comes
    /// at once, as it does from a socket vLLM wrote the whole event to: held back until the next
    /// token, it would make a third of the tokens a token's time late, on every route.
    static func split(_ events: [OpenAIResponseWriter.Event]) -> [JobPlan.Yield] {
        var reads: [JobPlan.Yield] = []
        var pending: (step: Int, text: String)?
        for event in events {
            if let current = pending, current.step != event.step {
                reads.append(JobPlan.Yield(step: current.step, output: .string(current.text)))
                pending = nil
            }
            pending = (event.step, (pending?.text ?? "") + event.text)
        }
        if let last = pending { reads.append(JobPlan.Yield(step: last.step, output: .string(last.text))) }
        return reads.enumerated().flatMap { index, read in
            index % 3 == 1 && index < reads.count - 1 ? splitting(read) : [read]
        }
    }

    /// `read` as two reads at its step: its first two thirds, then the rest.
    private static func splitting(_ read: JobPlan.Yield) -> [JobPlan.Yield] {
        guard let text = read.output.stringValue, text.unicodeScalars.count > 1 else { return [read] }
        // Cutting between Unicode scalars keeps both halves valid strings.
        let scalars = text.unicodeScalars
        let cut = scalars.index(scalars.startIndex, offsetBy: scalars.count * 2 / 3)
        var head = read
        head.output = .string(String(scalars[..<cut]))
        var rest = read
        rest.output = .string(String(scalars[cut...]))
        return [head, rest]
    }
}
