/// What podchat asked the job API for one reply and the last thing it answered, for the
/// request inspector: how many requests of each kind went out (`POST /run` 1, `GET /stream` 14,
/// `GET /status` 1) and the last answer's JSON as the server sent it. Never holds the key: job
/// answers carry none.
package struct JobExchanges: Sendable, Equatable {
    /// The most characters of the last answer kept: a long reply's whole output is not needed
    /// to see what the server said.
    package static let answerLimit = 6_000

    /// Each kind of request (`GET /stream`) with how many were sent, in the order first sent.
    package private(set) var requests: [(kind: String, count: Int)] = []
    /// The last answer: which request it answered (`GET /status/ID`), then its JSON, cut at
    /// ``answerLimit`` characters; or why that request failed.
    package private(set) var lastRequest: String?
    package private(set) var lastAnswer: String?
    /// The job status the last answer carried (`COMPLETED`), shown above it: a long answer's
    /// cut may fall before its `status` field.
    package private(set) var lastStatus: JobStatus?

    package init() {}

    /// Counts a request to `path` by `method`, its job id left out of the kind.
    package mutating func sent(_ method: String, _ path: String) {
        let kind = "\(method) " + (path.split(separator: "/").first.map { "/" + $0 } ?? path)
        if let index = requests.firstIndex(where: { $0.kind == kind }) {
            requests[index].count += 1
        } else {
            requests.append((kind, 1))
        }
        lastRequest = "\(method) \(path)"
    }

    /// The answer to the last request: its text, cut to ``answerLimit``, and the job status it
    /// carried, if it was a job.
    package mutating func answered(_ text: String, status: JobStatus? = nil) {
        lastAnswer = text.count > Self.answerLimit ? String(text.prefix(Self.answerLimit)) + "…" : text
        lastStatus = status
    }

    package static func == (left: JobExchanges, right: JobExchanges) -> Bool {
        left.requests.map(\.kind) == right.requests.map(\.kind) && left.requests.map(\.count) == right.requests.map(\.count)
            && left.lastRequest == right.lastRequest && left.lastAnswer == right.lastAnswer
            && left.lastStatus == right.lastStatus
    }
}
