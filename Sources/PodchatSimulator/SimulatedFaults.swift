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
/// - `[[sim:http500]]`: the next poll of the job (`/stream`, `/status` or `/status-sync`, or the
///   OpenAI route's reply) answers HTTP 500 once; the poll drains nothing, later polls recover.
/// - `[[sim:http429]]`: the same with HTTP 429 and `Retry-After: 1`. With both markers the 429
///   comes first.
/// - `[[sim:queue=MS]]`: the job stays `IN_QUEUE` for MS milliseconds.
/// - `[[sim:slow=MS]]`: MS milliseconds between tokens.
/// - `[[sim:tokens=N]]`: the reply is N tokens long (filler text after the usual reply), for
///   benchmarks; `max_tokens` still cuts it short like a real model.
///
/// `POST /retry` re-runs a job without its `fail`, `timeout`, `http500` and `http429` faults, as
/// if the failure was transient. Unknown markers are ignored.
package struct SimulatedFaults: Sendable, Equatable {
    /// `[[sim:fail]]`: end `FAILED` a third of the way through.
    package var fails: Bool
    /// `[[sim:timeout]]`: end `TIMED_OUT` a third of the way through.
    package var timesOut: Bool
    /// `[[sim:http500]]`: answer the next poll with HTTP 500.
    package var http500: Bool
    /// `[[sim:http429]]`: answer the next poll with HTTP 429 and `Retry-After: 1`.
    package var http429: Bool
    /// `[[sim:queue=MS]]`: time in the queue, instead of the server's.
    package var queueDelay: Duration?
    /// `[[sim:slow=MS]]`: time between tokens, instead of the server's.
    package var tokenDelay: Duration?
    /// `[[sim:tokens=N]]`: the reply's length before `max_tokens` applies.
    package var replyTokens: Int?

    package init(
        fails: Bool = false,
        timesOut: Bool = false,
        http500: Bool = false,
        http429: Bool = false,
        queueDelay: Duration? = nil,
        tokenDelay: Duration? = nil,
        replyTokens: Int? = nil
    ) {
        self.fails = fails
        self.timesOut = timesOut
        self.http500 = http500
        self.http429 = http429
        self.queueDelay = queueDelay
        self.tokenDelay = tokenDelay
        self.replyTokens = replyTokens
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
            http500: http500 || other.http500,
            http429: http429 || other.http429,
            queueDelay: other.queueDelay ?? queueDelay,
            tokenDelay: other.tokenDelay ?? tokenDelay,
            replyTokens: other.replyTokens ?? replyTokens
        )
    }

    /// The faults a retried job keeps: its timing and length, not its failures.
    var withoutFailures: SimulatedFaults {
        SimulatedFaults(queueDelay: queueDelay, tokenDelay: tokenDelay, replyTokens: replyTokens)
    }

    /// The HTTP statuses the job's next polls answer with, in order.
    var httpErrors: [Int] {
        (http429 ? [429] : []) + (http500 ? [500] : [])
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
        case "http500": http500 = true
        case "http429": http429 = true
        case "queue": queueDelay = value.map { .milliseconds(max(0, $0)) } ?? queueDelay
        case "slow": tokenDelay = value.map { .milliseconds(max(0, $0)) } ?? tokenDelay
        case "tokens": replyTokens = value.map { max(1, $0) } ?? replyTokens
        default: break
        }
    }
}
