import Testing

extension RealServerLane {
    /// Chat mode (`messages`, formatted by the server's Gemma chat format) and prompt mode (a
    /// raw `prompt`, completed as it is), and what becomes of a system prompt.
    @Suite struct ConversationModeTests {
        @Test(arguments: Transport.allCases)
        func promptModeCompletesTheRawPrompt(transport: Transport) async throws {
            let servers = try RealServers.required()
            let prompt = "Le café à Paris est"
            let direct = try await DirectRequest.completion(servers, prompt: prompt, parameters: ["temperature": 0, "max_tokens": 24])
            let reply = try await PodchatAsk.run(
                transport, prompt, settings: [("temperature", "0"), ("max_tokens", "24")], options: ["--prompt-mode"])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(!reply.text.isEmpty)
            #expect(reply.text == direct)
        }

        @Test(arguments: Transport.allCases)
        func chatModeGetsTheGemmaFormattedReply(transport: Transport) async throws {
            let servers = try RealServers.required()
            let question = "What is the capital of France?"
            let direct = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": question]], parameters: ["temperature": 0, "max_tokens": 24])
            let reply = try await PodchatAsk.run(transport, question, settings: [("temperature", "0"), ("max_tokens", "24")])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(!reply.text.isEmpty)
            #expect(reply.text == direct.text)
        }

        /// llama.cpp's `gemma` chat format has no place for a system message (Gemma has no
        /// system role) and DROPS it: it neither folds it into the first user turn nor refuses
        /// the request. So a system prompt changes nothing: the reply is the one without it.
        @Test(arguments: Transport.allCases)
        func theGemmaFormatDropsTheSystemPrompt(transport: Transport) async throws {
            let servers = try RealServers.required()
            let question = "What is the capital of France?"
            let system = "Answer only in German, in capital letters."
            let withoutSystem = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": question]], parameters: ["temperature": 0, "max_tokens": 24])
            let folded = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": system + "\n\n" + question]], parameters: ["temperature": 0, "max_tokens": 24])
            let reply = try await PodchatAsk.run(
                transport, question, settings: [("temperature", "0"), ("max_tokens", "24")], options: ["--system", system])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(reply.text == withoutSystem.text, "the system prompt was not dropped")
            #expect(folded.text != withoutSystem.text, "folding the system prompt into the question would have shown")
        }
    }
}
