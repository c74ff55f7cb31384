import EndpointClient
import PodchatCore
import Testing

@Suite struct WorkerOutputDecoderTests {
    // MARK: - Legacy worker

    @Test func joinsLegacyTokenPiecesAndKeepsTheLastCumulativeUsage() {
        let (reply, decoder) = DecodedReply.decoding(WorkerFixtures.legacyChunks)
        #expect(reply.texts == [0: WorkerFixtures.legacyText])
        #expect(reply.usage == Usage(promptTokens: 4, completionTokens: 20))
        #expect(reply.errors.isEmpty)
        #expect(decoder.finishReason(completionTokenLimit: 20) == .length)
        #expect(decoder.finishReason(completionTokenLimit: 21) == .completed)
        #expect(decoder.finishReason(completionTokenLimit: nil) == .completed)
    }

    @Test func reportsOneDeltaPerLegacyChoiceAndSkipsEmptyPieces() {
        var decoder = WorkerOutputDecoder()
        #expect(
            decoder.decode(WorkerFixtures.legacyTwoChoiceChunks[0]) == [
                .delta(choice: 0, text: "Runpod"), .usage(Usage(promptTokens: 1, completionTokens: 1)),
            ]
        )
        #expect(decoder.decode(WorkerFixtures.json(#"{"choices":[{"tokens":[""]}]}"#)).isEmpty)
    }

    @Test func decodesTwoLegacyChoicesWithEmptyTokenLists() {
        let (reply, decoder) = DecodedReply.decoding(WorkerFixtures.legacyTwoChoiceChunks)
        #expect(reply.texts == WorkerFixtures.legacyTwoChoiceTexts)
        #expect(reply.usage == Usage(promptTokens: 1, completionTokens: 12))
        // Legacy usage sums over choices, so the limit is max_tokens × n.
        #expect(decoder.finishReason(completionTokenLimit: 6 * 2) == .length)
    }

    @Test func decodesTheRunsyncOutputListLikeTheStreamedChunks() {
        let streamed = DecodedReply.decoding(WorkerFixtures.legacyTwoChoiceChunks).0
        let aggregated = DecodedReply.decoding([.array(WorkerFixtures.legacyTwoChoiceChunks)]).0
        #expect(aggregated == streamed)
    }

    @Test func decodesALegacyNonStreamingReply() {
        let output = WorkerFixtures.json(
            #"[{"choices":[{"tokens":["Runpod serverless returns"]},{"tokens":["generated text in"]}],"#
                + #""usage":{"input":1,"output":6}}]"#
        )
        let (reply, _) = DecodedReply.decoding([output])
        #expect(reply.texts == [0: "Runpod serverless returns", 1: "generated text in"])
    }

    @Test func decodesARawOpenAIOutputListAsChunks() {
        let (reply, decoder) = DecodedReply.decoding([WorkerFixtures.rawOpenAIList])
        #expect(reply.texts == [0: "Hi there"])
        #expect(reply.finishReasons == [0: .completed])
        #expect(decoder.finishReason(completionTokenLimit: 2) == .completed)
    }

    /// A choice number is an index into arrays downstream (the transcript, `ask`'s report), so
    /// one no request can produce must stop the reply instead of claiming memory or trapping.
    @Test(arguments: [
        (#"{"choices":[{"index":-1,"tokens":["a"]}]}"#, -1),
        (#"{"choices":[{"index":16,"delta":{"content":"a"}}]}"#, 16),
        (#"{"choices":[{"index":100000000000000,"text":"a","finish_reason":"stop"}]}"#, 100_000_000_000_000),
        (#"{"choices":[{"index":-999999999999,"message":{"content":"a"}}]}"#, -999_999_999_999),
    ])
    func aChoiceNumberNoRequestCanHaveIsMalformed(chunk: String, index: Int) {
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(WorkerFixtures.json(chunk)) == [.malformed("it names choice \(index), but podchat asks for at most 16 choices")])
    }

    @Test func everyChoiceNumberARequestCanHaveIsKept() {
        let choices = (0..<16).map { JSONValue.object(["index": .number(Double($0)), "text": .string("c\($0)")]) }
        let (reply, _) = DecodedReply.decoding([.object(["choices": .array(choices)])])
        #expect(reply.texts.count == 16)
        #expect(reply.errors.isEmpty)
    }

    // MARK: - Proxy worker, streaming

    @Test func decodesProxyChatSSEWithFinishReasonAndFinalUsage() {
        let (reply, decoder) = DecodedReply.decoding([.string(WorkerFixtures.proxyChatSSE)])
        #expect(reply.texts == [0: WorkerFixtures.proxyChatText])
        #expect(reply.usage == Usage(promptTokens: 5, completionTokens: 4))
        #expect(reply.finishReasons == [0: .length])
        #expect(decoder.finishReason(completionTokenLimit: nil) == .length)
    }

    @Test func decodesInterleavedProxyTextCompletionChoices() {
        let (reply, decoder) = DecodedReply.decoding([.string(WorkerFixtures.proxyTextSSE)])
        #expect(reply.texts == [0: "Runpod serverless", 1: "generated text"])
        #expect(reply.finishReasons == [0: .completed, 1: .completed])
        #expect(decoder.finishReason(completionTokenLimit: 2) == .completed)
    }

    /// The worker yields SSE text split anywhere. A JSON string cannot hold half a character (the
    /// worker turns a split one into U+FFFD, §3.4), so the splits here are at every scalar.
    @Test(arguments: [WorkerFixtures.proxyChatSSE, WorkerFixtures.proxyTextSSE])
    func givesTheSameReplyWhenProxySSEIsSplitAtEveryScalar(_ text: String) {
        let whole = DecodedReply.decoding([.string(text)]).0
        let scalars = Array(text.unicodeScalars)
        for offset in 0...scalars.count {
            let parts = [scalars[..<offset], scalars[offset...]].map { String(String.UnicodeScalarView($0)) }
            #expect(DecodedReply.decoding(parts.map(JSONValue.string)).0 == whole, "split at \(offset)")
        }
        let singles = scalars.map { JSONValue.string(String($0)) }
        #expect(DecodedReply.decoding(singles).0 == whole)
    }

    @Test func keepsAFinalSSEEventThatLacksItsBlankLine() {
        var decoder = WorkerOutputDecoder()
        let event = "data: " + WorkerFixtures.chatChunk(#"{"content":"end"}"#, finish: "\"length\"")
        #expect(decoder.decode(.string(event)).isEmpty)
        #expect(decoder.finish() == [.delta(choice: 0, text: "end"), .finished(choice: 0, reason: .length)])
    }

    @Test func ignoresDoneMarkersAndNonJSONData() {
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(.string("data: [DONE]\n\ndata: not json\n\n: comment\n\n")).isEmpty)
    }

    // MARK: - Proxy worker, non-streaming

    @Test func decodesAChatCompletion() {
        let (reply, decoder) = DecodedReply.decoding([.array([WorkerFixtures.chatCompletion])])
        #expect(reply.texts == [0: "Runpod serverless returns generated"])
        #expect(reply.usage == Usage(promptTokens: 5, completionTokens: 4))
        #expect(decoder.finishReason(completionTokenLimit: nil) == .length)
    }

    @Test func decodesATextCompletion() {
        let (reply, _) = DecodedReply.decoding([WorkerFixtures.textCompletion])
        #expect(reply.texts == [0: "Runpod serverless"])
        #expect(reply.finishReasons == [0: .completed])
    }

    @Test(arguments: [JSONValue.null, .number(3), .bool(true), .object([:]), .array([])])
    func ignoresValuesWithoutOutput(_ value: JSONValue) {
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(value).isEmpty)
    }

    // MARK: - Errors

    static let errorOutputs: [(output: String, message: String)] = [
        (
            #"{"error":"Unexpected keyword argument 'use_beam_search'"}"#,
            "Unexpected keyword argument 'use_beam_search'"
        ),
        (
            #"{"error":{"error":{"message":"prompt or messages is required","type":"BadRequestError","param":null,"#
                + #""code":400}}}"#,
            "prompt or messages is required"
        ),
        (
            #"{"error":{"message":"The model `wrong/model` does not exist.","type":"NotFoundError","param":"model","#
                + #""code":404}}"#,
            "The model `wrong/model` does not exist."
        ),
        (
            #"{"error":{"message":"Job input must contain one of: openai_input (+openai_route), route (+body), or "#
                + #"prompt/messages.","type":"worker_error","code":null}}"#,
            "Job input must contain one of: openai_input (+openai_route), route (+body), or prompt/messages."
        ),
        (#""data: {\"error\": {\"message\": \"boom\", \"type\": \"x\"}}\n\n""#, "boom"),
    ]

    @Test(arguments: errorOutputs.indices)
    func reportsErrorOutputsAsReadableMessages(_ index: Int) {
        var decoder = WorkerOutputDecoder()
        let fixture = Self.errorOutputs[index]
        let items = decoder.decode(WorkerFixtures.json(fixture.output))
        #expect(DecodedReply(items).errors == [fixture.message])
        #expect(items.count == 1)
    }

    @Test(arguments: [#"{"error":null,"choices":[]}"#, #"{"error":"","choices":[]}"#, #"{"error":{}}"#])
    func ignoresFalsyErrorKeysAsTheRunpodSDKDoes(_ output: String) {
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(WorkerFixtures.json(output)).isEmpty)
    }
}
