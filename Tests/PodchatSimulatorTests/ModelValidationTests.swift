import PodchatCore
import Testing
@testable import PodchatSimulator

@Suite("Requests for a model the worker does not serve")
struct ModelValidationTests {
    private typealias H = SimulatorHarness
    private static let messages: JSONValue = .array([.object(["role": "user", "content": "Hi"])])

    @Test("the HTTP OpenAI route answers vLLM's 404")
    func httpRoute() async throws {
        try await H.with { sim in
            let wrong = try await sim.post("openai/v1/chat/completions", JSONValue.object(["model": "nope", "messages": Self.messages]).encodedText)
            #expect(wrong.status == 404)
            #expect(wrong.json?["error"]?["message"] == .string("The model `nope` does not exist."))
            #expect(wrong.json?["error"]?["type"] == .string("NotFoundError"))
            let served = try await sim.post(
                "openai/v1/chat/completions", JSONValue.object(["model": "podchat/simulated-model", "messages": Self.messages]).encodedText)
            #expect(served.status == 200)
        }
    }

    @Test("an openai_input job fails with the message", arguments: WorkerOutputFormat.allCases)
    func jobInput(_ format: WorkerOutputFormat) async throws {
        try await H.with(SimulatorOptions(tokenDelay: .zero, outputFormat: format)) { sim in
            let input: JSONValue = .object([
                "openai_route": "/v1/chat/completions", "openai_input": .object(["model": "nope", "messages": Self.messages]),
            ])
            let reply = try await sim.post("runsync", H.envelope(input))
            #expect(reply.jobStatus == "FAILED")
            #expect(reply.json?["error"]?.stringValue?.contains("The model `nope` does not exist.") == true)
        }
    }
}
