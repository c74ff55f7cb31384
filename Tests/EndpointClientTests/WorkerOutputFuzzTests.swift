import EndpointClient
import Foundation
import NIOHTTP1
import PodchatCore
import PodchatTestSupport
import Testing

/// Answers every request with the same bytes, so damaged answers go through the real client.
private struct OneAnswerTransport: HTTPTransport {
    let body: [UInt8]
    /// The body as the network delivers a stream of it.
    let pieces: [[UInt8]]

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        TransportResponse(status: .ok, body: body)
    }

    func stream(_ request: TransportRequest, into receiver: some StreamReceiver) async throws {
        receiver.receivedHead(status: .ok, headers: [:])
        for piece in pieces where !receiver.received(piece) { return }
    }
}

/// What endpoints send, damaged: every answer becomes events or one clear failure, never a
/// crash, however its bytes or its fields are wrong and however deep it nests.
@Suite struct WorkerOutputFuzzTests {
    /// Valid answers to `/stream` and `/status` in both worker generations, and an error.
    static let jobAnswers: [JSONValue] = [
        .object(["id": "j1", "status": "IN_PROGRESS", "stream": .array(WorkerFixtures.legacyTwoChoiceChunks.map { .object(["output": $0]) })]),
        .object([
            "id": "j1", "status": "COMPLETED",
            "stream": .array(WorkerFixtures.proxyChatSSE.split(separator: "\n\n").map { .object(["output": .string($0 + "\n\n")]) }),
        ]),
        .object(["id": "j1", "status": "COMPLETED", "output": .array([WorkerFixtures.chatCompletion]), "delayTime": 12, "executionTime": 340]),
        .object(["id": "j1", "status": "IN_PROGRESS", "stream": .array([.object(["output": WorkerFixtures.rawOpenAIList])])]),
        .object(["id": "j1", "status": "FAILED", "error": "{'message': 'vLLM returned HTTP 400: bad', 'type': 'worker_error', 'code': None}"]),
    ]

    /// The choice numbers the decoder may report: those podchat can ask for.
    private static let possibleChoices = 0..<16

    private static func client(answering body: [UInt8]) -> RunpodJobClient {
        RunpodJobClient(
            endpoint: Endpoint(baseURL: "http://runpod.test/v2/ep", apiKey: nil, label: "t"), transport: OneAnswerTransport(body: body, pieces: []))
    }

    /// Feeds `answer` to a poller that has seen the job queued, as the backend would, and
    /// checks that whatever happens the reply can still be summed up.
    private static func deliver(_ answer: Result<JobResponse, RunpodRequestError>, label: String) {
        var poller = RunpodJobPollerTests.poller()
        _ = poller.start()
        var events = poller.received(RunpodJobPollerTests.job("IN_QUEUE")).events
        let step = poller.received(answer)
        events += step.events
        if case .fail(let failure) = step.next { #expect(!failure.message.isEmpty, "\(label)") }
        expectUsableChoices(events, label: label)
    }

    /// Choice numbers index arrays downstream, so each must be one a request can have.
    private static func expectUsableChoices(_ events: [CompletionEvent], label: String) {
        for event in events {
            switch event {
            case .delta(let choice, _), .replaced(let choice, _), .reasoning(let choice, _), .reasoningReplaced(let choice, _),
                .logprobs(let choice, _):
                #expect(possibleChoices.contains(choice), "\(label)")
            case .queued, .started, .usage, .executionTime, .exchanges, .retrying, .finished, .generation: break
            }
        }
        var summary = ReplySummary(requestedAt: .now)
        for event in events { summary.record(event, at: .now) }
        #expect(summary.choices.count <= possibleChoices.count, "\(label)")
    }

    /// The client's verdict on `body`: a job, or a malformed-answer error with a short one-line excerpt.
    private static func jobAnswer(_ body: [UInt8], label: String) async -> Result<JobResponse, RunpodRequestError> {
        do {
            return .success(try await client(answering: body).stream(jobID: "j1"))
        } catch let error as RunpodRequestError {
            guard case .malformedResponse(let excerpt) = error else {
                Issue.record("\(label): \(error)")
                return .failure(error)
            }
            #expect(!excerpt.contains("\n") && excerpt.count <= 201, "\(label)")
            return .failure(error)
        } catch {
            Issue.record("\(label): \(error)")
            return .failure(.malformedResponse(""))
        }
    }

    @Test func damagedJobAnswersBecomeEventsOrAClearError() async {
        let bodies = Self.jobAnswers.map(\.encodedBytes)
        await Fuzz.run("job answers, damaged bytes", iterations: 1500) { random, label in
            let body = ByteMutator.mutate(random.pick(bodies), using: &random)
            Self.deliver(await Self.jobAnswer(body, label: label), label: label)
        }
    }

    @Test func aWrongValueInAnyFieldOfAJobAnswerNeverCrashes() {
        let variants = Self.jobAnswers.flatMap { $0.everySingleChange() }
        for (index, variant) in variants.enumerated() {
            let answer: Result<JobResponse, RunpodRequestError> =
                JobResponse(json: variant).map { .success($0) } ?? .failure(.malformedResponse("no status"))
            Self.deliver(answer, label: "variant \(index): \(variant.encodedText.prefix(300))")
        }
        #expect(variants.count > 1000, "the fixtures should give many variants")
    }

    @Test func damagedOpenAIStreamsEndInTextOrAFailure() async {
        let streams = [WorkerFixtures.proxyChatSSE, WorkerFixtures.proxyTextSSE].map { Array($0.utf8) }
        let request = CompletionRequest(messages: [Message(role: .user, content: "hi")], parameters: SamplingParameters())
        await Fuzz.run("OpenAI streams, damaged bytes", iterations: 800) { random, label in
            let body = ByteMutator.mutate(random.pick(streams), using: &random)
            let transport = OneAnswerTransport(body: body, pieces: random.split(body))
            let backend = OpenAIBackend(baseURL: "http://vllm.test/v1", apiKey: nil, model: "m", transport: transport)
            let (events, failure) = await RunpodBackendTests.collect(backend.complete(request))
            Self.expectUsableChoices(events, label: label)
            #expect(failure.map { !$0.isEmpty } ?? events.contains { if case .finished = $0 { true } else { false } }, "\(label)")
        }
    }

    @Test func randomOutputsNeverCrashTheDecoderAndKeepChoicesInRange() async {
        await Fuzz.run("worker output decoder, random outputs", iterations: 3000) { random, label in
            var decoder = WorkerOutputDecoder()
            let outputs = (0..<random.int(1...4)).map { _ in Self.randomOutput(&random) }
            var items = outputs.flatMap { decoder.decode($0) }
            items += decoder.finish()
            for case .delta(let choice, _) in items { #expect(Self.possibleChoices.contains(choice), "\(label)") }
            _ = decoder.finishReason(completionTokenLimit: random.int(0...64))
        }
    }

    /// An output in one of the shapes the decoder reads (a chunk object, a list of them, SSE
    /// text), with each part of it right, missing, or any value at all.
    private static func randomOutput(_ random: inout FuzzRandom) -> JSONValue {
        func anything(_ random: inout FuzzRandom) -> JSONValue {
            random.chance(0.5)
                ? random.pick(JSONValue.wrongValues)
                : .number(random.pick([-1, 0, 1, 15, 16, 17, 1e15 - 1, -1e14, 1e15, Double(random.int(-40...40))]))
        }
        func maybe(_ value: JSONValue, _ random: inout FuzzRandom) -> JSONValue? {
            random.chance(0.2) ? nil : random.chance(0.15) ? anything(&random) : value
        }
        var choices: [JSONValue] = []
        for position in 0..<random.int(0...3) {
            var choice: [String: JSONValue] = [:]
            choice["index"] = maybe(.number(Double(position)), &random)
            let text = JSONValue.string(random.pick(["", "a", "é😀", "\u{1B}[2J"]))
            switch random.int(0...3) {
            case 0: choice["tokens"] = maybe(.array([text, text]), &random)
            case 1: choice["delta"] = maybe(.object(["content": text]), &random)
            case 2: choice["message"] = maybe(.object(["content": text]), &random)
            default: choice["text"] = maybe(text, &random)
            }
            choice["finish_reason"] = maybe(.string(random.pick(["stop", "length", "abort"])), &random)
            choices.append(random.chance(0.1) ? anything(&random) : .object(choice))
        }
        var chunk: [String: JSONValue] = [:]
        chunk["choices"] = maybe(.array(choices), &random)
        chunk["usage"] = maybe(.object(["input": anything(&random), "output": .number(Double(random.int(0...50)))]), &random)
        if random.chance(0.1) { chunk["error"] = anything(&random) }
        switch random.int(0...3) {
        case 0: return .array([.object(chunk), .object(chunk)])
        case 1: return .string("data: \(JSONValue.object(chunk).encodedText)\n\n")
        default: return .object(chunk)
        }
    }

    // MARK: - Depth and size

    @Test(arguments: [
        String(repeating: "[", count: 10_000),
        String(repeating: "{\"a\":", count: 10_000),
        #"{"status":"IN_PROGRESS","stream":[{"output":"# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}]}",
    ])
    func deepNestingIsAClearErrorNotAStackOverflow(body: String) async {
        let answer = await Self.jobAnswer(Array(body.utf8), label: "nesting")
        guard case .failure(.malformedResponse(let excerpt)) = answer else {
            Issue.record("accepted \(body.count) bytes of nesting")
            return
        }
        #expect(excerpt.hasSuffix("…"))
    }

    @Test func nestingJustUnderTheDecodersLimitStillDecodes() async throws {
        let depth = 500
        let output = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let body = Array(#"{"status":"IN_PROGRESS","stream":[{"output":\#(output)}]}"#.utf8)
        let job = try await Self.client(answering: body).stream(jobID: "j1")
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(job.streamOutputs[0]).isEmpty)
        #expect(job.streamOutputs[0].encodedText == output)
    }

    @Test func aHugeTokenAndBytesThatAreNotUTF8ArriveAsText() async throws {
        let huge = String(repeating: "é", count: 2_000_000)
        var body = Array(#"{"status":"IN_PROGRESS","stream":[{"output":{"choices":[{"tokens":[""#.utf8)
        body += Array(huge.utf8) + [0xFF, 0xC3] + Array(#"","b"]}]}}]}"#.utf8)
        let job = try await Self.client(answering: body).stream(jobID: "j1")
        var decoder = WorkerOutputDecoder()
        #expect(decoder.decode(job.streamOutputs[0]) == [.delta(choice: 0, text: huge + "\u{FFFD}\u{FFFD}b")])
    }
}
