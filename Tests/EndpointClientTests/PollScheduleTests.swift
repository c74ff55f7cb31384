import EndpointClient
import Testing

@Suite struct PollScheduleTests {
    @Test func staysFastWhileOutputFlows() {
        var schedule = PollSchedule(fastest: .milliseconds(80), slowest: .seconds(1), growth: 1.5)
        #expect(schedule.next(afterOutput: true) == .milliseconds(80))
        #expect(schedule.next(afterOutput: true) == .milliseconds(80))
    }

    @Test func backsOffWhileEmptyUpToTheSlowestPace() {
        var schedule = PollSchedule(fastest: .milliseconds(100), slowest: .seconds(1), growth: 2)
        let delays = (0..<6).map { _ in schedule.next(afterOutput: false) }
        #expect(delays == [200, 400, 800, 1000, 1000, 1000].map { .milliseconds($0) })
    }

    @Test func returnsToTheFastestPaceWhenOutputResumes() {
        var schedule = PollSchedule()
        for _ in 0..<10 { _ = schedule.next(afterOutput: false) }
        #expect(schedule.next(afterOutput: false) == schedule.slowest)
        #expect(schedule.next(afterOutput: true) == schedule.fastest)
    }

    @Test func staysWellBelowRunpodsPollRateLimit() {
        // 2000 polls per 10 s per endpoint (protocol.md §1.7): keep one reply under a tenth of it.
        #expect(PollSchedule().fastest >= .milliseconds(50))
    }
}
