import NIOHTTP1
import PodchatCore

/// The operations of one Runpod Serverless endpoint's job API, one request each, no retries.
///
/// Paths are appended to the endpoint's base URL (`https://api.runpod.ai/v2/<id>` or a local
/// simulator's). `Authorization: Bearer <key>` is sent only when the endpoint has a key.
/// Every method throws ``RunpodRequestError`` for a failed request and `CancellationError`
/// when the calling task is cancelled; ``RunpodBackend`` adds retries and polling on top.
package struct RunpodJobClient: Sendable {
    private let baseURL: String
    private let transport: any HTTPTransport
    private let apiKey: APIKey?
    /// The variable the key's placeholder names in previews; nil without a key.
    private let keyVariable: String?
    private let requestTimeout: Duration
    /// Shared by the client's copies, so one 405 teaches every later poll.
    let pollMethod = PollMethod()

    /// - Parameters:
    ///   - apiKeyVariable: The environment variable previews name in place of the key.
    ///   - requestTimeout: How long `/run`, `/stream`, `/status` and `/health` requests may take.
    package init(
        endpoint: Endpoint, apiKeyVariable: String = "RUNPOD_API_KEY", transport: any HTTPTransport,
        requestTimeout: Duration = .seconds(30)
    ) {
        baseURL = endpoint.baseURL.hasSuffix("/") ? String(endpoint.baseURL.dropLast()) : endpoint.baseURL
        self.transport = transport
        self.requestTimeout = requestTimeout
        apiKey = endpoint.apiKey
        keyVariable = endpoint.apiKey == nil ? nil : apiKeyVariable
    }

    /// The path of a `/runsync` that waits `wait` on the server.
    static func runSyncPath(wait: Duration) -> String {
        "/runsync?wait=\(runSyncWait(wait))"
    }

    /// `wait` in milliseconds, clamped to the 1…300 s Runpod allows.
    private static func runSyncWait(_ wait: Duration) -> Int64 {
        min(max(wait.milliseconds, 1000), 300_000)
    }

    /// The request `method` `path` with `body`, key left out: what ``send`` sends once the key
    /// is in, and what previews show.
    func prepared(_ method: HTTPMethod, _ path: String, body: JSONValue?) -> PreparedRequest {
        PreparedRequest(
            method: method, url: baseURL + path, headers: ["Accept": "application/json", "User-Agent": "podchat"],
            keyVariable: keyVariable, body: body?.encodedBytes)
    }

    /// Submits a job (`POST /run`); the answer holds its id and, usually, `IN_QUEUE`.
    package func run(_ body: JSONValue) async throws -> JobResponse {
        try await job(.POST, "/run", body: body, timeout: requestTimeout)
    }

    /// Submits a job and waits up to `wait` for it to finish (`POST /runsync?wait=`).
    ///
    /// Runpod clamps `wait` to 1…300 s. When the job is not done by then, the answer has a
    /// non-terminal status and no output; keep polling ``status(jobID:)`` with its id.
    package func runSync(_ body: JSONValue, wait: Duration) async throws -> JobResponse {
        let timeout = .milliseconds(Self.runSyncWait(wait)) + requestTimeout
        return try await job(.POST, Self.runSyncPath(wait: wait), body: body, timeout: timeout)
    }

    /// The job's output chunks since the previous call (`GET /stream/{id}`); each is delivered once.
    ///
    /// On the SDK's local test server (POST only) this runs the whole job and returns all of it.
    package func stream(jobID: String) async throws -> JobResponse {
        try await poll("/stream/\(Self.pathSegment(jobID))")
    }

    /// The job's status, timings and, once finished, output or error (`GET /status/{id}`).
    package func status(jobID: String) async throws -> JobResponse {
        try await poll("/status/\(Self.pathSegment(jobID))")
    }

    /// Asks Runpod to cancel the job (`POST /cancel/{id}`): removed from the queue or stopped.
    package func cancel(jobID: String, timeout: Duration = .seconds(5)) async throws -> JobResponse {
        try await job(.POST, "/cancel/\(Self.pathSegment(jobID))", timeout: timeout)
    }

    /// The endpoint's queue and worker counts (`GET /health`).
    package func health() async throws -> EndpointHealth {
        EndpointHealth(json: try await send(.GET, "/health", body: nil, timeout: requestTimeout))
    }

    /// Re-queues a FAILED or TIMED_OUT job under the same id with the same input (`POST /retry/{id}`).
    package func retry(jobID: String) async throws -> JobResponse {
        try await job(.POST, "/retry/\(Self.pathSegment(jobID))", timeout: requestTimeout)
    }

    /// Removes every queued job; running jobs go on (`POST /purge-queue`). Returns how many
    /// were removed, when the endpoint says.
    package func purgeQueue() async throws -> Int? {
        try await send(.POST, "/purge-queue", body: nil, timeout: requestTimeout)["removed"]?.intValue
    }

    // MARK: - Requests

    /// A `/stream` or `/status` request: GET, or POST once a 405 showed the server wants it
    /// (see ``PollMethod``); the request that got the 405 is sent again at once by POST.
    private func poll(_ path: String) async throws -> JobResponse {
        let method = pollMethod.current
        do {
            return try await job(method, path, timeout: pollTimeout(method))
        } catch RunpodRequestError.status(code: 405, _, _) where method == .GET {
            pollMethod.switchToPOST()
            return try await job(.POST, path, timeout: pollTimeout(.POST))
        }
    }

    private func pollTimeout(_ method: HTTPMethod) -> Duration {
        method == .POST ? max(requestTimeout, PollMethod.blockingPollTimeout) : requestTimeout
    }

    private func job(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, timeout: Duration)
        async throws -> JobResponse
    {
        let json = try await send(method, path, body: body, timeout: timeout)
        guard let job = JobResponse(json: json) else {
            throw RunpodRequestError.malformedResponse(RunpodRequestError.excerpt(json.encodedBytes))
        }
        return job
    }

    private func send(_ method: HTTPMethod, _ path: String, body: JSONValue?, timeout: Duration)
        async throws -> JSONValue
    {
        let request = prepared(method, path, body: body).authorized(with: apiKey, timeout: timeout)
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw RunpodRequestError.transport(error)
        }
        return try Self.json(of: response)
    }

    private static func json(of response: TransportResponse) throws -> JSONValue {
        guard (200..<300).contains(response.status.code) else {
            throw RunpodRequestError.status(
                code: Int(response.status.code),
                retryAfter: retryAfter(response.headers),
                body: RunpodRequestError.excerpt(response.body)
            )
        }
        // The bytes are parsed where they lie: a copy as a `String` first would hold a large
        // answer twice. Only when they are not JSON is the copy made, for invalid UTF-8 (say,
        // a multibyte character cut by a proxy) to become U+FFFD rather than cost the whole
        // answer, whose chunks `/stream` would not send again.
        if let value = try? JSONValue(parsing: response.body) { return value }
        do {
            return try JSONValue(parsing: String(decoding: response.body, as: UTF8.self).utf8)
        } catch {
            throw RunpodRequestError.malformedResponse(RunpodRequestError.excerpt(response.body))
        }
    }

    /// The `Retry-After` header in seconds; the HTTP-date form is rare for APIs and ignored.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers.first(name: "Retry-After"), let seconds = Double(value.trimmingWhitespace()),
            seconds >= 0
        else { return nil }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// `id` made safe for a URL path; job ids are opaque, so nothing is assumed about them.
    static func pathSegment(_ id: String) -> String {
        var result = ""
        for byte in id.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if character.isASCII && (character.isLetter || character.isNumber || "-._~".contains(character)) {
                result.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

extension RunpodJobClient: CustomStringConvertible, CustomReflectable {
    /// Names the endpoint but never shows the key in the headers.
    package var description: String { "RunpodJobClient(\(baseURL))" }

    /// Keeps `dump` from printing the `Authorization` header.
    package var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL]) }
}
