import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("HTTP behaviour")
struct HTTPBehaviourTests {
    private typealias H = SimulatorHarness

    @Test("with requiredAPIKey, requests need Authorization: Bearer <key>")
    func auth() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, requiredAPIKey: "secret")) { sim in
            let missing = try await sim.get("health")
            let bare = try await sim.request("GET", H.path("health"), headers: [("Authorization", "secret")])
            let bearer = try await sim.request("GET", H.path("health"), headers: [("Authorization", "Bearer secret")])
            #expect(missing.status == 401 && bare.status == 401)
            #expect(bearer.status == 200)
        }
    }

    @Test("unknown jobs and paths get 404, wrong methods 405, bad bodies 400")
    func errors() async throws {
        try await H.with { sim in
            for operation in ["status/nope", "stream/nope", "cancel/nope", "retry/nope"] {
                #expect(try await sim.post(operation).status == 404)
            }
            #expect(try await sim.request("GET", "/v1/run").status == 404)
            #expect(try await sim.get("run").status == 405)
            for body in ["not json", #"{"prompt":"Hi"}"#, #"{"input":"just a string"}"#] {
                let reply = try await sim.post("run", body)
                #expect(reply.status == 400)
                #expect(reply.json?["error"]?.stringValue != nil)
            }
        }
    }

    @Test("an input the worker cannot use fails the job, like worker-vllm")
    func workerRejects() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero)) { sim in
            let reply = try await sim.post("runsync", H.envelope(.object(["sampling_params": .object([:])])))
            #expect(reply.jobStatus == "FAILED")
            #expect(reply.json?["error"]?.stringValue?.contains("prompt or messages is required") == true)
        }
    }

    @Test("the server reports its port and URLs, and records every request")
    func recording() async throws {
        try await H.with { sim in
            #expect(sim.server.port > 0)
            #expect(sim.server.endpointURL() == "http://127.0.0.1:\(sim.server.port)/v2/demo")
            _ = try await sim.request("POST", H.path("runsync?wait=10"), body: H.envelope(H.chat("Hi")), headers: [("X-Test", "1")])
            let recorded = try #require(sim.server.requests.last)
            #expect(recorded.method == "POST")
            #expect(recorded.path == "/v2/test/runsync?wait=10")
            #expect(recorded.header("x-test") == "1")
            #expect(recorded.json?["input"]?["messages"]?[0]?["content"] == .string("Hi"))
        }
    }

    @Test("/stream?wait= holds the request until there is news")
    func streamLongPoll() async throws {
        try await H.with(SimulatorOptions(tokenDelay: .milliseconds(10), queueDelay: .seconds(1)), manualClock: true) { sim in
            let id = try await sim.run(H.chat("Hi", ["stream": .bool(true)]))
            async let pending = sim.get("stream/\(id)?wait=5000")
            while sim.clock?.sleeperCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
            // One step past the queue delay and the first token: the waiting poll wakes and answers.
            sim.clock?.advance(by: .milliseconds(1015))
            let reply = try await pending
            #expect(reply.jobStatus == "IN_PROGRESS")
            #expect(H.outputs([reply]).count == 1)
        }
    }
}
