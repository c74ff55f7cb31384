import Testing

extension RealServerLane {
    /// With `temperature 0` the model's reply is determined, so podchat must show exactly the
    /// text a direct request gets: any byte lost, doubled or mis-decoded on the way (SSE
    /// reassembly, `\uXXXX` escapes, the worker's network-read chunks) shows up here.
    @Suite struct GreedyDecodingTests {
        static let question = "Écris une phrase sur la mer et le café."
        static let greedy = [("temperature", "0"), ("max_tokens", "48")]

        @Test(arguments: Transport.allCases, [true, false])
        func podchatShowsTheTextOfADirectRequestByteForByte(transport: Transport, streamed: Bool) async throws {
            let servers = try RealServers.required()
            let direct = try await DirectRequest.chat(
                servers, messages: [["role": "user", "content": Self.question]], parameters: ["temperature": 0, "max_tokens": 48])
            let reply = try await PodchatAsk.run(transport, Self.question, settings: Self.greedy, options: streamed ? [] : ["--no-stream"])
            #expect(reply.status == 0, "stderr: \(reply.standardError)")
            #expect(Array(reply.text.utf8) == Array(direct.text.utf8))
            #expect(reply.finishReason == direct.finishReason)
        }

        @Test func theDirectStreamEscapesNonASCIIAndMatchesTheWholeAnswer() async throws {
            let servers = try RealServers.required()
            let messages = [["role": "user", "content": Self.question]]
            let whole = try await DirectRequest.chat(servers, messages: messages, parameters: ["temperature": 0, "max_tokens": 48])
            let streamed = try await DirectRequest.streamedChat(servers, messages: messages, parameters: ["temperature": 0, "max_tokens": 48])
            #expect(streamed.text == whole.text)
            // The reason this suite asks in French: llama.cpp's stream carries non-ASCII as
            // `\uXXXX` escapes, which a client must decode (the whole answer carries UTF-8).
            if whole.text.unicodeScalars.contains(where: { !$0.isASCII }) {
                #expect(streamed.raw.contains("\\u"))
            }
        }
    }
}
