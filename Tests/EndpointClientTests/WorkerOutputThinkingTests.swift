import EndpointClient
import PodchatCore
import Testing

/// Thinking and log probabilities in every output shape that carries them.
@Suite struct WorkerOutputThinkingTests {
    static let reasoningStreams = ["reasoning", "reasoning_content"].map { WorkerFixtures.reasoningChatSSE(key: $0) }

    // MARK: - Thinking

    @Test(arguments: ["reasoning", "reasoning_content"])
    func decodesStreamedThinkingApartFromTheAnswer(_ key: String) {
        let (reply, decoder) = DecodedReply.decoding([.string(WorkerFixtures.reasoningChatSSE(key: key))])
        #expect(reply.reasonings == [0: WorkerFixtures.reasoningText])
        #expect(reply.texts == [0: "Forty-two."])
        #expect(reply.usage == Usage(promptTokens: 9, completionTokens: 7))
        #expect(decoder.finishReason(completionTokenLimit: nil) == .completed)
    }

    @Test func reportsThinkingBeforeTheAnswerInOrder() {
        var decoder = WorkerOutputDecoder()
        let items = decoder.decode(.string(WorkerFixtures.reasoningChatSSE()))
        #expect(
            Array(items.prefix(3)) == [
                .reasoning(choice: 0, text: "Let me think"), .reasoning(choice: 0, text: " about «it»."),
                .delta(choice: 0, text: "Forty-two."),
            ])
    }

    /// The proxy worker yields per network read: SSE split anywhere, even inside a field name.
    @Test(arguments: reasoningStreams)
    func givesTheSameThinkingWhereverTheStreamIsSplit(_ text: String) {
        let whole = DecodedReply.decoding([.string(text)]).0
        let scalars = Array(text.unicodeScalars)
        for offset in stride(from: 0, through: scalars.count, by: 3) {
            let parts = [scalars[..<offset], scalars[offset...]].map { String(String.UnicodeScalarView($0)) }
            #expect(DecodedReply.decoding(parts.map(JSONValue.string)).0 == whole, "split at \(offset)")
        }
        #expect(DecodedReply.decoding(scalars.map { .string(String($0)) }).0 == whole)
    }

    @Test(arguments: ["reasoning", "reasoning_content"])
    func decodesWholeThinkingFromANonStreamedReply(_ key: String) {
        let (reply, _) = DecodedReply.decoding([.array([WorkerFixtures.reasoningCompletion(key: key)])])
        #expect(reply.reasonings == [0: WorkerFixtures.reasoningText])
        #expect(reply.texts == [0: "Forty-two."])
    }

    @Test func decodesThinkingFromChunkObjectsAsTheLegacyWorkersOpenAIRouteYieldsThem() {
        let chunks =
            "[" + WorkerFixtures.chatChunk(#"{"reasoning_content":"Hmm."}"#, finish: nil) + ","
            + WorkerFixtures.chatChunk(#"{"content":"Yes."}"#, finish: "\"stop\"") + "]"
        let (reply, _) = DecodedReply.decoding([WorkerFixtures.json(chunks)])
        #expect(reply.reasonings == [0: "Hmm."])
        #expect(reply.texts == [0: "Yes."])
    }

    @Test func prefersReasoningWhenAServerSendsBothNames() {
        var decoder = WorkerOutputDecoder()
        let chunk = WorkerFixtures.chatChunk(#"{"reasoning":"new","reasoning_content":"new"}"#, finish: nil)
        #expect(decoder.decode(WorkerFixtures.json(chunk)) == [.reasoning(choice: 0, text: "new")])
    }

    @Test(arguments: [#"{"reasoning":null,"content":"a"}"#, #"{"reasoning":"","content":"a"}"#])
    func ignoresEmptyThinking(_ delta: String) {
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(WorkerFixtures.json(WorkerFixtures.chatChunk(delta, finish: nil))) == [.delta(choice: 0, text: "a")])
    }

    // MARK: - Log probabilities

    @Test func decodesChatLogprobsWithTheirAlternatives() {
        let (reply, _) = DecodedReply.decoding([.string(WorkerFixtures.logprobsChatSSE)])
        #expect(reply.texts == [0: "Hi there"])
        #expect(reply.logprobs == [0: WorkerFixtures.logprobsChatTokens])
    }

    @Test func reportsLogprobsAfterTheTextTheyDescribe() {
        var decoder = WorkerOutputDecoder()
        let chunk = WorkerFixtures.chatChunk(
            #"{"content":"Hi"}"#, finish: nil, logprobs: WorkerFixtures.chatLogprobs("Hi", -0.25, alternative: "Hello", -1.5))
        #expect(
            decoder.decode(WorkerFixtures.json(chunk)) == [
                .delta(choice: 0, text: "Hi"), .logprobs(choice: 0, [WorkerFixtures.logprobsChatTokens[0]]),
            ])
    }

    /// Completions list alternatives as an object, which has no order: most likely first.
    @Test func decodesCompletionsLogprobsMostLikelyAlternativeFirst() {
        let (reply, decoder) = DecodedReply.decoding([.string(WorkerFixtures.logprobsTextSSE)])
        #expect(reply.texts == [0: " a cat"])
        #expect(reply.logprobs == [0: WorkerFixtures.logprobsTextTokens])
        #expect(decoder.finishReason(completionTokenLimit: nil) == .length)
    }

    @Test(arguments: [WorkerFixtures.logprobsChatSSE, WorkerFixtures.logprobsTextSSE])
    func givesTheSameLogprobsWhereverTheStreamIsSplit(_ text: String) {
        let whole = DecodedReply.decoding([.string(text)]).0
        let scalars = Array(text.unicodeScalars)
        for offset in 0...scalars.count {
            let parts = [scalars[..<offset], scalars[offset...]].map { String(String.UnicodeScalarView($0)) }
            #expect(DecodedReply.decoding(parts.map(JSONValue.string)).0 == whole, "split at \(offset)")
        }
    }

    @Test func decodesLogprobsOfANonStreamedReply() {
        let chat = WorkerFixtures.json(
            #"{"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"#
                + #""logprobs":\#(WorkerFixtures.chatLogprobs("Hi", -0.25, alternative: "Hello", -1.5)),"finish_reason":"stop"}]}"#)
        #expect(DecodedReply.decoding([.array([chat])]).0.logprobs == [0: [WorkerFixtures.logprobsChatTokens[0]]])
        let text = WorkerFixtures.json(
            #"{"object":"text_completion","choices":[{"index":0,"text":" a b","finish_reason":"stop","logprobs":"#
                + #"{"tokens":[" a"," b"],"token_logprobs":[null,-1],"top_logprobs":[null,{" b":-1}],"text_offset":[0,2]}}]}"#)
        #expect(
            DecodedReply.decoding([text]).0.logprobs == [
                0: [
                    TokenLogprob(token: " a", logprob: -9999),
                    TokenLogprob(token: " b", logprob: -1, alternatives: [.init(token: " b", logprob: -1)]),
                ]
            ])
    }

    @Test(arguments: [#"null"#, #"{"content":null}"#, #"{"content":[]}"#, #"{"tokens":[]}"#, #"{"content":[{"token":"x"}]}"#])
    func reportsNoLogprobsWhereThereAreNone(_ logprobs: String) {
        var decoder = WorkerOutputDecoder()
        let chunk = WorkerFixtures.chatChunk(#"{"content":"x"}"#, finish: nil, logprobs: logprobs)
        #expect(decoder.decode(WorkerFixtures.json(chunk)) == [.delta(choice: 0, text: "x")])
    }
}
