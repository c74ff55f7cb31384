import Testing

extension RealServerLane {
    /// Requests the real server refuses: podchat must say so, never show an empty reply that
    /// "completed".
    @Suite struct RefusedRequestTests {
        /// llama.cpp refuses a prompt longer than its context (2048 tokens here) inside a
        /// streamed answer: HTTP 200 and an empty event stream. The proxy handler then yields
        /// nothing, and the SDK's server reports the job COMPLETED with no output.
        @Test(arguments: Transport.allCases)
        func aPromptLongerThanTheContextFailsWithAMessage(transport: Transport) async throws {
            let question = String(repeating: "word ", count: 2_500)
            let reply = try await PodchatAsk.run(transport, question, settings: [("max_tokens", "5")])
            #expect(reply.status == 1, "stdout: \(reply.json), stderr: \(reply.standardError)")
            let expected = transport == .openAI ? "without sending a reply" : "completed without any output"
            #expect(reply.standardError.contains(expected), "stderr: \(reply.standardError)")
        }
    }
}
