/// Misbehaviour to inject into one job, for trying a client by hand and for tests.
///
/// Put a marker anywhere in the last user message (in prompt mode: the prompt's last paragraph)
/// and the job that message starts misbehaves; markers are left out of the quoted reply text.
/// Tests can do the same with ``SimulatorServer/injectFaults(_:)``, which applies to the next
/// job submitted. The markers:
///
/// - `[[sim:fail]]`: the job streams about a third of its output, then ends `FAILED` with an
///   `error` string in worker-vllm's Python-repr style (protocol.md §3.5), no `output`.
/// - `[[sim:timeout]]`: the same, but the job ends `TIMED_OUT`.
/// - `[[sim:httpCODE]]`, e.g. `[[sim:http500]]`: the next poll of the job (`/stream`, `/status`
///   or `/status-sync`, or the OpenAI route's reply) answers HTTP CODE once; the poll drains
///   nothing, later polls recover. `[[sim:httpCODExN]]`, e.g. `[[sim:http503x5]]`, answers the
///   next N polls so: a storm. A 429 carries `Retry-After: 1`; `[[sim:http401]]` plays a key
///   revoked mid-job. Several markers answer in the order they appear.
/// - `[[sim:stall=MS]]`: the next poll's answer starts (status line and headers), then stalls
///   MS milliseconds before its body. The job's output is drained only then, so a client that
///   gave up waiting loses those chunks, as with a lost production answer.
/// - `[[sim:reset]]`: the first `/stream` poll with output to deliver drains it, then the
///   connection closes halfway through the answer (a `/status` poll is cut at once).
/// - `[[sim:malformed]]`: the same, but the answer arrives whole, with half its JSON as body.
/// - `[[sim:expire]]`: once a poll has seen the job running, the job is deleted as if its `ttl`
///   ran out: every later request for it answers 404.
/// - `[[sim:badutf8]]`: the reply's second token carries bytes that are not UTF-8 (a stray
///   0xFF, and a multibyte character missing its last byte) in `/stream`, `/status` and
///   `/runsync` answers.
/// - `[[sim:bigchunk]]`: the reply's first token carries about 2 MB of filler text, so one
///   chunk is that big (production splits chunks at 1 MB; a client must still cope).
/// - `[[sim:hostile]]`: the reply's first token carries terminal control sequences, as a
///   hostile or confused model might write them: CSI (clear screen, cursor moves, a device
///   status request), OSC 52 (a clipboard write), OSC 8 (a hyperlink), OSC 0 (the window
///   title), DCS, C1 controls and bidi overrides, between plain words, tabs and newlines.
/// - `[[sim:runreset]]`: `/run` queues the job, then the connection closes halfway through its
///   answer, so the client cannot know the job exists.
/// - `[[sim:run429]]`: `/run` answers 429 with `Retry-After: 1` and queues nothing, once per
///   distinct request body: sent again, the same request is accepted.
/// - `[[sim:queue=MS]]`: the job stays `IN_QUEUE` for MS milliseconds.
/// - `[[sim:slow=MS]]`: MS milliseconds between tokens.
/// - `[[sim:tokens=N]]`: the reply is N tokens long (filler text after the usual reply), for
///   benchmarks; `max_tokens` still cuts it short like a real model.
/// - `[[sim:params]]`: the reply starts with the values the model really sampled with, the
///   route and whether a chat template made the prompt, e.g. `[temperature=1.0 top_p=0.95
///   top_k=20 min_p=0.0 presence_penalty=0.0 frequency_penalty=0.0 repetition_penalty=1.0
///   max_tokens=1024 route=/v1/chat/completions prompt=chat-templated] ` (`route=native` on the
///   legacy worker's own generation; `prompt=raw, not templated` for a prompt the proxy worker
///   completes as it is). On the proxy worker a field left out shows the model's default
///   (``SimulatorOptions/modelDefaults``), on the legacy worker vLLM's documented one.
/// - `[[sim:think]]`, `[[sim:think=N]]`: the model thinks before it answers, N tokens (64
///   without N) at `reasoning_effort` medium or unset, a quarter at low, four times at high,
///   none with `chat_template_kwargs: {"enable_thinking": false}` or `reasoning_effort: "none"`.
///   Proxy worker chats only: the thinking streams as `delta.reasoning` chunks before the first
///   `delta.content` (`message.reasoning` when not streamed; the field is
///   ``SimulatorOptions/reasoningField``). Thinking counts against `max_tokens`: a small one ends
///   with `finish_reason` "length" while still thinking, and no content at all.
/// - `[[sim:traceback]]`: the handler raises a third of the way through. The proxy worker's job
///   ends `FAILED` with the runpod SDK's `handler: <message> \ntraceback: Traceback (most recent
///   call last):\n  File …` (a `JSONDecodeError` when not streaming, an empty-message
///   `TimeoutError` when streaming); the legacy worker catches it and fails with the bare message.
/// - `[[sim:dropchunk]]`: the worker fails to post the middle yield of the job (the SDK gives up
///   after 3 tries): `/stream` never delivers it, while `/status`'s final output, the aggregate
///   of every yield, still holds it. On the proxy worker a dropped piece of SSE text can leave
///   a broken event behind.
/// - `[[sim:gatewayCODE]]`, e.g. `[[sim:gateway502]]` (5xx only), and `[[sim:gatewayreset]]`:
///   on the OpenAI route (`/openai/v1/…`) the POST queues its job, which runs and is billed as
///   usual (it shows in ``SimulatorServer/jobs``), and then the answer is that status, or the
///   connection closes halfway through it.
/// - `[[sim:llamacpp]]`: a streamed OpenAI reply as llama.cpp's server (llama-cpp-python 0.3)
///   writes it, seen by the real-server lane: each event's JSON in Python's `json.dumps` style
///   (`", "` and `": "` between items, every non-ASCII character as a `\uXXXX` escape), a
///   `: ping - <time>` comment line after the first token (llama.cpp sends one every 15 s), one
///   choice whatever `n` asks, and no usage event whatever `stream_options` asks.
/// - `[[sim:noreply]]`: the worker yields nothing and the job COMPLETES (on the OpenAI route: an
///   empty event stream with HTTP 200), as a proxy handler does when its server ends the stream
///   at once; llama.cpp's does so for a prompt longer than its context.
///
/// Poll faults come in this order: the HTTP errors, then the stall, the reset and the
/// malformed answer.
///
/// `POST /retry` re-runs a job without its failures (`fail`, `timeout` and the poll and `/run`
/// faults, `traceback`, `dropchunk` and the gateway's), as if they were transient; it keeps its
/// timing, length and content faults (`params`, `think` and `llamacpp` among them). Unknown
/// markers are ignored.
package struct SimulatedFaults: Sendable, Equatable {
    /// `[[sim:fail]]`: end `FAILED` a third of the way through.
    package var fails: Bool
    /// `[[sim:timeout]]`: end `TIMED_OUT` a third of the way through.
    package var timesOut: Bool
    /// `[[sim:httpCODE]]` and `[[sim:httpCODExN]]`: the HTTP statuses the next polls answer
    /// with, in order.
    package var httpErrors: [Int]
    /// `[[sim:stall=MS]]`: how long the next poll's answer stalls after its head.
    package var stall: Duration?
    /// `[[sim:reset]]`: drain output, then close the connection halfway through the answer.
    package var resets: Bool
    /// `[[sim:malformed]]`: drain output, then answer half of the JSON.
    package var malformed: Bool
    /// `[[sim:expire]]`: delete the job once a poll has seen it running.
    package var expires: Bool
    /// `[[sim:badutf8]]`: put bytes that are not UTF-8 into the reply's second token.
    package var badUTF8: Bool
    /// `[[sim:bigchunk]]`: make the reply's first token about 2 MB long.
    package var bigChunk: Bool
    /// `[[sim:hostile]]`: put terminal control sequences into the reply's first token.
    package var hostile: Bool
    /// `[[sim:runreset]]`: queue the job, then cut `/run`'s answer.
    package var runResets: Bool
    /// `[[sim:run429]]`: refuse the first `/run` of this request with HTTP 429.
    package var runRateLimited: Bool
    /// `[[sim:queue=MS]]`: time in the queue, instead of the server's.
    package var queueDelay: Duration?
    /// `[[sim:slow=MS]]`: time between tokens, instead of the server's.
    package var tokenDelay: Duration?
    /// `[[sim:tokens=N]]`: the reply's length before `max_tokens` applies.
    package var replyTokens: Int?
    /// `[[sim:params]]`: start the reply with the effective sampling values.
    package var statesParameters: Bool
    /// `[[sim:think]]`, `[[sim:think=N]]`: thinking tokens at medium effort, instead of the server's.
    package var thinkingTokens: Int?
    /// `[[sim:traceback]]`: the handler raises a third of the way through.
    package var raisesInHandler: Bool
    /// `[[sim:dropchunk]]`: one yield never reaches `/stream`.
    package var dropsChunk: Bool
    /// `[[sim:gatewayCODE]]`, `[[sim:gatewayreset]]`: the OpenAI route loses its answer after queueing.
    package var gatewayFailure: GatewayFailure?
    /// `[[sim:llamacpp]]`: stream OpenAI events the way llama.cpp's server does.
    package var llamaCppStream: Bool
    /// `[[sim:noreply]]`: complete the job without a single yield.
    package var noReply: Bool

    package init(
        fails: Bool = false,
        timesOut: Bool = false,
        httpErrors: [Int] = [],
        stall: Duration? = nil,
        resets: Bool = false,
        malformed: Bool = false,
        expires: Bool = false,
        badUTF8: Bool = false,
        bigChunk: Bool = false,
        hostile: Bool = false,
        runResets: Bool = false,
        runRateLimited: Bool = false,
        queueDelay: Duration? = nil,
        tokenDelay: Duration? = nil,
        replyTokens: Int? = nil,
        statesParameters: Bool = false,
        thinkingTokens: Int? = nil,
        raisesInHandler: Bool = false,
        dropsChunk: Bool = false,
        gatewayFailure: GatewayFailure? = nil,
        llamaCppStream: Bool = false,
        noReply: Bool = false
    ) {
        self.fails = fails
        self.timesOut = timesOut
        self.httpErrors = httpErrors
        self.stall = stall
        self.resets = resets
        self.malformed = malformed
        self.expires = expires
        self.badUTF8 = badUTF8
        self.bigChunk = bigChunk
        self.hostile = hostile
        self.runResets = runResets
        self.runRateLimited = runRateLimited
        self.queueDelay = queueDelay
        self.tokenDelay = tokenDelay
        self.replyTokens = replyTokens
        self.statesParameters = statesParameters
        self.thinkingTokens = thinkingTokens
        self.raisesInHandler = raisesInHandler
        self.dropsChunk = dropsChunk
        self.gatewayFailure = gatewayFailure
        self.llamaCppStream = llamaCppStream
        self.noReply = noReply
    }

    /// The faults named by the markers in `text`.
    init(scanning text: String) {
        self.init()
        for marker in Self.markers(in: text) { apply(marker) }
    }

    /// `text` without its markers.
    static func strippingMarkers(from text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "[[sim:"), let close = rest[open.upperBound...].firstRange(of: "]]") {
            result += rest[..<open.lowerBound]
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Both sets of faults; where both set a value, `other` wins.
    func merged(with other: SimulatedFaults) -> SimulatedFaults {
        SimulatedFaults(
            fails: fails || other.fails,
            timesOut: timesOut || other.timesOut,
            httpErrors: httpErrors + other.httpErrors,
            stall: other.stall ?? stall,
            resets: resets || other.resets,
            malformed: malformed || other.malformed,
            expires: expires || other.expires,
            badUTF8: badUTF8 || other.badUTF8,
            bigChunk: bigChunk || other.bigChunk,
            hostile: hostile || other.hostile,
            runResets: runResets || other.runResets,
            runRateLimited: runRateLimited || other.runRateLimited,
            queueDelay: other.queueDelay ?? queueDelay,
            tokenDelay: other.tokenDelay ?? tokenDelay,
            replyTokens: other.replyTokens ?? replyTokens,
            statesParameters: statesParameters || other.statesParameters,
            thinkingTokens: other.thinkingTokens ?? thinkingTokens,
            raisesInHandler: raisesInHandler || other.raisesInHandler,
            dropsChunk: dropsChunk || other.dropsChunk,
            gatewayFailure: other.gatewayFailure ?? gatewayFailure,
            llamaCppStream: llamaCppStream || other.llamaCppStream,
            noReply: noReply || other.noReply
        )
    }

    /// The faults a retried job keeps: its timing, length and content, not its failures.
    var withoutFailures: SimulatedFaults {
        SimulatedFaults(
            badUTF8: badUTF8, bigChunk: bigChunk, hostile: hostile, queueDelay: queueDelay, tokenDelay: tokenDelay, replyTokens: replyTokens,
            statesParameters: statesParameters, thinkingTokens: thinkingTokens, llamaCppStream: llamaCppStream)
    }

    /// How the job's next polls misbehave, in order.
    var pollFaults: [PollFault] {
        httpErrors.map(PollFault.http) + (stall.map { [.stall($0)] } ?? []) + (resets ? [.reset] : [])
            + (malformed ? [.malformed] : [])
    }

    /// The `name` or `name=value` contents of every `[[sim:…]]` marker.
    private static func markers(in text: String) -> [Substring] {
        var markers: [Substring] = []
        var rest = Substring(text)
        while let open = rest.firstRange(of: "[[sim:"), let close = rest[open.upperBound...].firstRange(of: "]]") {
            markers.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return markers
    }

    private mutating func apply(_ marker: Substring) {
        let parts = marker.split(separator: "=", maxSplits: 1)
        let value = parts.count > 1 ? Int(parts[1].trimmingPrefix(" ")) : nil
        switch parts.first ?? "" {
        case "fail": fails = true
        case "timeout": timesOut = true
        case "stall": stall = value.map { .milliseconds(max(0, $0)) } ?? stall
        case "reset": resets = true
        case "malformed": malformed = true
        case "expire": expires = true
        case "badutf8": badUTF8 = true
        case "bigchunk": bigChunk = true
        case "hostile": hostile = true
        case "runreset": runResets = true
        case "run429": runRateLimited = true
        case "queue": queueDelay = value.map { .milliseconds(max(0, $0)) } ?? queueDelay
        case "slow": tokenDelay = value.map { .milliseconds(max(0, $0)) } ?? tokenDelay
        case "tokens": replyTokens = value.map { max(1, $0) } ?? replyTokens
        case "params": statesParameters = true
        case "think": thinkingTokens = parts.count > 1 ? value.map { max(0, $0) } ?? thinkingTokens : Self.defaultThinkingTokens
        case "traceback": raisesInHandler = true
        case "dropchunk": dropsChunk = true
        case "llamacpp": llamaCppStream = true
        case "noreply": noReply = true
        case "gatewayreset": gatewayFailure = .reset
        case let name:
            httpErrors += Self.httpErrors(named: name)
            gatewayFailure = Self.gatewayStatus(named: name).map(GatewayFailure.status) ?? gatewayFailure
        }
    }

    /// How long `[[sim:think]]` thinks at medium effort.
    static let defaultThinkingTokens = 64

    /// The status of a `gatewayCODE` marker (5xx only), or nil for any other name.
    private static func gatewayStatus(named name: Substring) -> Int? {
        guard name.hasPrefix("gateway"), let code = Int(name.dropFirst(7)), (500...599).contains(code) else { return nil }
        return code
    }

    /// The statuses of an `httpCODE` or `httpCODExN` marker, or none for any other name.
    private static func httpErrors(named name: Substring) -> [Int] {
        guard name.hasPrefix("http") else { return [] }
        let parts = name.dropFirst(4).split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
        guard let code = Int(parts[0]), (400...599).contains(code) else { return [] }
        let count = parts.count > 1 ? Int(parts[1]) : 1
        return Array(repeating: code, count: min(max(count ?? 0, 0), 1000))
    }
}
