import EndpointClient
import PodchatCore
import Testing

@Suite struct JobResponseTests {
    @Test func readsAStreamResponseKeepingOnlyEachElementsOutput() throws {
        let json = WorkerFixtures.json(
            #"{"id":"j1","status":"IN_PROGRESS","#
                + #""stream":[{"output":"a","metrics":{}},{"metrics":{}},{"output":{"x":1}}]}"#
        )
        let job = try #require(JobResponse(json: json))
        #expect(job.id == "j1")
        #expect(job.status == .inProgress)
        #expect(job.streamOutputs == [.string("a"), .object(["x": .number(1)])])
    }

    @Test func readsTimingsWorkerAndError() throws {
        let json = WorkerFixtures.json(
            #"{"id":"j2","status":"FAILED","delayTime":31618,"executionTime":1437,"workerId":"w1","error":"boom","#
                + #""output":null}"#
        )
        let job = try #require(JobResponse(json: json))
        #expect(job.delay == .milliseconds(31618))
        #expect(job.execution == .milliseconds(1437))
        #expect(job.workerID == "w1")
        #expect(job.error == .string("boom"))
        #expect(job.output == nil)
        #expect(job.streamOutputs.isEmpty)
    }

    @Test func rejectsAnObjectWithoutStatus() {
        #expect(JobResponse(json: WorkerFixtures.json(#"{"detail":"Not Found"}"#)) == nil)
    }

    @Test(arguments: [
        ("IN_QUEUE", false), ("IN_PROGRESS", false), ("RUNNING", false), ("PAUSED", false),
        ("COMPLETED", true), ("FAILED", true), ("CANCELLED", true), ("TIMED_OUT", true),
    ])
    func treatsAllFourEndStatesAsTerminalAndUnknownOnesAsNot(_ name: String, _ terminal: Bool) {
        #expect(JobStatus(name).isTerminal == terminal)
    }

    @Test func readsHealthCounts() {
        let json = WorkerFixtures.json(
            #"{"jobs":{"completed":1,"failed":5,"inProgress":0,"inQueue":2,"retried":0},"#
                + #""workers":{"idle":0,"running":3,"initializing":1}}"#
        )
        let health = EndpointHealth(json: json)
        #expect(health.jobsInQueue == 2)
        #expect(health.jobsFailed == 5)
        #expect(health.workersRunning == 3)
        #expect(health.workersInitializing == 1)
        #expect(health.workersThrottled == 0)
    }
}
