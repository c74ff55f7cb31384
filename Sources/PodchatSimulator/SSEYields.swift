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
    /// at arbitrary points. Every third read stops a third short of its end, and the rest comes
    /// with the next read, so events straddle yields deterministically.
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
        for index in stride(from: 1, to: reads.count - 1, by: 3) {
            moveTail(of: index, in: &reads)
        }
        return reads
    }

    /// Moves the last third of read `index` to the front of the next read.
    private static func moveTail(of index: Int, in reads: inout [JobPlan.Yield]) {
        guard let text = reads[index].output.stringValue, let next = reads[index + 1].output.stringValue else { return }
        // Cutting between Unicode scalars keeps both halves valid strings.
        let scalars = text.unicodeScalars
        let cut = scalars.index(scalars.startIndex, offsetBy: max(1, scalars.count * 2 / 3))
        reads[index].output = .string(String(scalars[..<cut]))
        reads[index + 1].output = .string(String(scalars[cut...]) + next)
    }
}
