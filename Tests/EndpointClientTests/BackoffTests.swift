import EndpointClient
import Testing

@Suite struct BackoffTests {
    let backoff = Backoff(initial: .milliseconds(250), maximum: .seconds(8), multiplier: 2, maximumRetries: 8)

    @Test func doublesTheDelayPerConsecutiveFailureUpToTheMaximum() {
        let delays = (1...8).map { backoff.delay(afterFailures: $0, jitter: 1) }
        #expect(delays == [250, 500, 1000, 2000, 4000, 8000, 8000, 8000].map { .milliseconds($0) })
    }

    @Test(arguments: [(0.0, 500), (0.5, 750), (1.0, 1000), (-3.0, 500), (7.0, 1000)])
    func scalesTheDelayIntoItsUpperHalfByTheJitter(_ jitter: Double, _ milliseconds: Int) {
        #expect(backoff.delay(afterFailures: 3, jitter: jitter) == .milliseconds(milliseconds))
    }

    @Test func allowsOnlyTheConfiguredNumberOfRetries() {
        #expect(backoff.allowsRetry(afterFailures: 8))
        #expect(!backoff.allowsRetry(afterFailures: 9))
    }
}
