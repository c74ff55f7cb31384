import PodchatCore
import Testing

/// The tokens-per-second figure of `ask --json`. Against llama.cpp's server a reply asked for
/// with `--no-stream` reported 2,042,066.6 tokens/s: its one piece of text was timed to the end
/// of the reply, a few microseconds later.
@Suite struct ReplySummaryRateTests {
    private let start = ContinuousClock.now

    @Test func aStreamedReplyIsTimedFromItsFirstPieceToItsLast() {
        var summary = ReplySummary(requestedAt: start)
        summary.record(.delta(choice: 0, text: "Once"), at: start + .milliseconds(200))
        summary.record(.delta(choice: 0, text: " upon a time"), at: start + .milliseconds(1_200))
        summary.record(.usage(Usage(promptTokens: 3, completionTokens: 20)), at: start + .milliseconds(1_201))
        summary.record(.finished(.length), at: start + .milliseconds(1_300))
        #expect(summary.tokensPerSecond == 20)
    }

    @Test func aReplyThatArrivedWholeHasNoRate() {
        var summary = ReplySummary(requestedAt: start)
        summary.record(.delta(choice: 0, text: "Say hello and more"), at: start + .milliseconds(700))
        summary.record(.usage(Usage(promptTokens: 11, completionTokens: 20)), at: start + .milliseconds(700) + .microseconds(5))
        summary.record(.finished(.length), at: start + .milliseconds(700) + .microseconds(10))
        #expect(summary.tokensPerSecond == nil)
    }
}
