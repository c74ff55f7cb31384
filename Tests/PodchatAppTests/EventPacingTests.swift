import PodchatCore
import Testing

@testable import PodchatApp

/// Which events may wait for the next paced frame: more text of a streaming reply only, so a
/// reply's end, its failures and every key are drawn at once.
@Suite struct EventPacingTests {
    private static func received(_ event: CompletionEvent) -> Event { .reply(RequestID(3), .received(event)) }

    @Test(arguments: [
        received(.delta(choice: 0, text: "word")), received(.reasoning(choice: 0, text: "hmm")),
        received(.logprobs(choice: 0, [TokenLogprob(token: "word", logprob: -0.1)])),
    ])
    func moreTextOfAReplyMayWait(_ event: Event) {
        #expect(event.canWaitForFrame)
    }

    @Test(arguments: [
        received(.finished(.completed)), received(.finished(.length)), received(.usage(Usage(promptTokens: 3, completionTokens: 4))),
        received(.started), received(.queued(jobID: "job-1")), received(.replaced(choice: 0, text: "whole")),
        received(.reasoningReplaced(choice: 0, text: "whole")), received(.executionTime(.milliseconds(12))),
        received(.retrying(reason: "busy", delay: .seconds(1))), .reply(RequestID(3), .failed(CompletionFailure("lost"))),
        .keyPressed(.character("a")), .pasted("text"), .resized(Size(width: 80, height: 24)), .terminationRequested,
        .clockTicked(ContinuousClock.now), .externalEdit(.finished("text")),
    ])
    func everythingElseIsShownAtOnce(_ event: Event) {
        #expect(!event.canWaitForFrame)
    }
}
