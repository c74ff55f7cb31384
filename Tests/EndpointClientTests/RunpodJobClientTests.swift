import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatTestSupport
import Testing

@Suite struct RunpodJobClientTests {
    static func client(_ transport: ScriptedTransport, baseURL: String = "http://runpod.test/v2/ep") -> RunpodJobClient {
        RunpodJobClient(endpoint: Endpoint(baseURL: baseURL, apiKey: environmentKey("k"), label: "t"), transport: transport)
    }

    @Test func readsStatusTimingsAndWorker() async throws {
        let transport = ScriptedTransport([
            .ok(
                "GET /status/j1",
                #"{"id":"j1","status":"COMPLETED","delayTime":120,"executionTime":3400,"workerId":"w7"}"#)
        ])
        let job = try await Self.client(transport, baseURL: "http://runpod.test/v2/ep/").status(jobID: "j1")
        #expect(job.delay == .milliseconds(120))
        #expect(job.execution == .milliseconds(3400))
        #expect(job.workerID == "w7")
    }

    @Test func escapesJobIDsInPaths() async throws {
        let transport = ScriptedTransport([
            .ok("POST /cancel/a%2Fb%20c-1_x.y~z", #"{"id":"a/b c-1_x.y~z","status":"CANCELLED"}"#)
        ])
        let job = try await Self.client(transport).cancel(jobID: "a/b c-1_x.y~z")
        #expect(job.status == .cancelled)
        #expect(transport.mismatches.isEmpty)
    }

    @Test func readsHealth() async throws {
        let transport = ScriptedTransport([
            .ok("GET /health", #"{"jobs":{"inQueue":2,"inProgress":1},"workers":{"idle":1,"running":1}}"#)
        ])
        let health = try await Self.client(transport).health()
        #expect(health.jobsInQueue == 2)
        #expect(health.workersIdle == 1)
    }

    @Test func clampsTheRunsyncWaitToRunpodsRange() async throws {
        let transport = ScriptedTransport([
            .ok("POST /runsync?wait=300000", #"{"id":"s","status":"IN_QUEUE"}"#),
            .ok("POST /runsync?wait=1000", #"{"id":"s","status":"IN_QUEUE"}"#),
        ])
        _ = try await Self.client(transport).runSync(.object([:]), wait: .seconds(900))
        _ = try await Self.client(transport).runSync(.object([:]), wait: .milliseconds(5))
        #expect(transport.mismatches.isEmpty)
        #expect(transport.requests.first?.timeout == .seconds(330))
    }

    @Test func reportsStatusCodeRetryAfterAndBodyExcerpt() async {
        let transport = ScriptedTransport([
            .status("GET /stream/j1", .serviceUnavailable, "busy\nnow", headers: ["Retry-After": " 1.5 "])
        ])
        await #expect(throws: RunpodRequestError.status(code: 503, retryAfter: .milliseconds(1500), body: "busy now")) {
            try await Self.client(transport).stream(jobID: "j1")
        }
    }

    @Test(arguments: ["<html>502 Bad Gateway</html>", #"{"detail":"Not Found"}"#])
    func rejectsA2xxAnswerThatIsNotAJob(_ body: String) async {
        let transport = ScriptedTransport([.ok("GET /stream/j1", body)])
        await #expect(throws: RunpodRequestError.malformedResponse(body)) {
            try await Self.client(transport).stream(jobID: "j1")
        }
    }

    @Test func passesNetworkFailuresOnAsTransportErrors() async {
        let failure = TransportError(.notSent, detail: "connection refused")
        let transport = ScriptedTransport([ScriptedTransport.Exchange(request: "POST /run", reply: .fail(failure))])
        await #expect(throws: RunpodRequestError.transport(failure)) {
            try await Self.client(transport).run(.object([:]))
        }
    }

    @Test func hidesTheKeyFromDescriptions() async throws {
        let client = Self.client(ScriptedTransport([]))
        #expect("\(client)" == "RunpodJobClient(http://runpod.test/v2/ep)")
        var dumped = ""
        dump(client, to: &dumped)
        let transport = ScriptedTransport([.ok("GET /health", "{}")])
        _ = try? await Self.client(transport).health()
        let request = try #require(transport.requests.first)
        #expect("\(request)" == "GET http://runpod.test/v2/ep/health")
        dump(request, to: &dumped)
        #expect(!dumped.contains("Bearer"))
    }
}
