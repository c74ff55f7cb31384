import PodchatApp
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct EndpointLoadTests {
    @Test func theFirstTickAsksForTheLoadOnce() {
        var app = AppHarness()
        #expect(app.send(.clockTicked(.now)).contains(.endpoint(.checkLoad)))
        app.advance(toSeconds: 30)
        #expect(!app.effects.dropFirst().contains(.endpoint(.checkLoad)))
    }

    @Test func whileQueuedTheLoadIsAskedForEveryFewSeconds() throws {
        var app = AppHarness()
        app.advance(toSeconds: 0)
        let id = try app.submit("Hi")
        app.receive([.queued(jobID: "job-1")], for: id)
        app.advance(toSeconds: 2)
        #expect(app.effects.filter { $0 == .endpoint(.checkLoad) }.count == 1)
        app.advance(toSeconds: 6)
        #expect(app.effects.filter { $0 == .endpoint(.checkLoad) }.count == 2)
        app.receive([.started], for: id)
        app.advance(toSeconds: 20)
        #expect(app.effects.filter { $0 == .endpoint(.checkLoad) }.count == 2)
    }

    @Test func theStatusBarShowsTheQueueAndWorkers() throws {
        var app = AppHarness(size: Size(width: 140, height: 24))
        app.send(.endpoint(.loadReported(EndpointLoad(jobsInQueue: 2, jobsInProgress: 1, workersIdle: 0, workersRunning: 1, workersInitializing: 1))))
        let statusBar = try #require(app.screen.lines.last)
        #expect(statusBar.contains("queue 2 · workers 1 running, 0 idle, 1 starting"))
    }
}
