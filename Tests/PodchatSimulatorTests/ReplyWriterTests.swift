import Testing
@testable import PodchatSimulator

@Suite("Replies and tokens")
struct ReplyWriterTests {
    @Test("tokens are word pieces with leading spaces that join back into the text")
    func tokensJoinBack() {
        let text = "How are you?  Fine, thanks — 你好世界 RUNPOD_API_KEY endpoint_identifier."
        let tokens = WordPieceTokenizer.tokens(of: text)
        #expect(tokens.joined() == text)
        #expect(Array(tokens.prefix(4)) == ["How", " are", " you", "?"])
        #expect(tokens.contains(" 你") && tokens.contains("好"))
        #expect(tokens.allSatisfy { !$0.isEmpty })
    }

    @Test("a reply quotes the message, explains the simulator, and is 60 to 120 tokens long")
    func replyShape() {
        for message in ["Hi", "Tell me about Runpod serverless endpoints and how they scale", String(repeating: "long words ", count: 40)] {
            let reply = ReplyWriter.reply(to: message, choice: 0)
            let tokens = ReplyWriter.tokens(replyingTo: message, choice: 0, length: nil)
            #expect(tokens.joined() == reply)
            #expect((60...120).contains(tokens.count), "\(tokens.count) tokens: \(reply)")
            #expect(reply.contains("RUNPOD_API_KEY") && reply.contains("--endpoint"))
        }
        #expect(ReplyWriter.reply(to: "Hello there", choice: 0).contains("“Hello there”"))
    }

    @Test("replies are deterministic, and choices differ")
    func deterministic() {
        #expect(ReplyWriter.reply(to: "Hello", choice: 0) == ReplyWriter.reply(to: "Hello", choice: 0))
        #expect(ReplyWriter.reply(to: "Hello", choice: 0) != ReplyWriter.reply(to: "Hello", choice: 1))
    }

    @Test("a message with CJK characters gets some CJK back")
    func cjk() {
        #expect(ReplyWriter.reply(to: "你好，请介绍一下你自己", choice: 0).contains("模拟"))
        #expect(!ReplyWriter.reply(to: "Hello", choice: 0).contains("模拟"))
    }

    @Test("a forced length gives exactly that many tokens")
    func forcedLength() {
        #expect(ReplyWriter.tokens(replyingTo: "Hi", choice: 0, length: 2000).count == 2000)
        #expect(ReplyWriter.tokens(replyingTo: "Hi", choice: 0, length: 3).count == 3)
    }

    @Test("fault markers are parsed and left out of the quote")
    func markers() {
        let text = "Go [[sim:fail]] [[sim:queue=3000]][[sim:slow=200]] [[sim:tokens=50]] [[sim:http429]][[sim:nonsense]]"
        let faults = SimulatedFaults(scanning: text)
        #expect(faults == SimulatedFaults(fails: true, httpErrors: [429], queueDelay: .seconds(3), tokenDelay: .milliseconds(200), replyTokens: 50))
        #expect(SimulatedFaults.strippingMarkers(from: text) == "Go    ")
    }

    @Test("errors are Python reprs, as the runpod SDK stores them")
    func pythonRepr() {
        let error = VLLMError(message: "it's broken", type: "BadRequestError", param: nil, code: 400)
        #expect(error.legacyEngineText == #"{'error': {'message': "it's broken", 'type': 'BadRequestError', 'param': None, 'code': 400}}"#)
        #expect(VLLMError.proxyWorkerError("x") == "{'message': 'x', 'type': 'worker_error', 'code': None}")
    }
}
