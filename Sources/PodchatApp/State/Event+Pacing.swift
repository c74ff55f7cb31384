import PodchatCore

extension Event {
    /// Whether the event may wait for the next frame when frames are paced (the terminal's
    /// mailbox paces them while a reply streams): only more text of a reply, which a reader
    /// cannot tell from text drawn one display refresh later. A reply's start, end and
    /// failure, keys, and every answer from disk or the endpoint are shown at once, so the last
    /// token is on screen as soon as the reply says it is the last.
    package var canWaitForFrame: Bool {
        switch self {
        case .reply(_, .received(let event)): Self.isMoreText(event)
        case .reply(_, .sent), .reply(_, .failed): false
        case .keyPressed, .pasted, .mouse, .resized, .clockTicked, .terminationRequested, .externalEdit: false
        case .previewed, .endpoint, .preset, .store: false
        }
    }

    private static func isMoreText(_ event: CompletionEvent) -> Bool {
        switch event {
        case .delta, .reasoning, .logprobs: true
        case .queued, .started, .replaced, .reasoningReplaced, .generation, .usage, .executionTime, .exchanges, .retrying, .finished:
            false
        }
    }
}
