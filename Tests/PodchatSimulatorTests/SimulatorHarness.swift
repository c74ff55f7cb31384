import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import PodchatCore
@testable import PodchatSimulator

/// A running simulator and the HTTP calls tests make against it, over real loopback HTTP.
struct SimulatorHarness: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        /// The body as sent, which need not be UTF-8.
        var bytes: [UInt8]
        var json: JSONValue? { JSONValue(parsing: body) }
        var jobStatus: String? { json?["status"]?.stringValue }

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    let server: SimulatorServer
    /// Set when the test drives time by hand.
    let clock: ManualSimulatorClock?

    /// Runs `body` against a fresh server and stops the server afterwards, also when `body` throws.
    static func with<T: Sendable>(
        _ options: SimulatorOptions = SimulatorOptions(tokenDelay: .milliseconds(2)),
        manualClock: Bool = false,
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let clock = manualClock ? ManualSimulatorClock() : nil
        return try await SimulatorServer.serving(options: options, clock: clock ?? SystemSimulatorClock()) { server in
            try await body(SimulatorHarness(server: server, clock: clock))
        }
    }

    /// `operation` under the endpoint, e.g. `run` → `/v2/test/run`.
    static func path(_ operation: String) -> String { "/v2/test/\(operation)" }

    func request(
        _ method: String, _ path: String, body: String? = nil, headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(contentsOf: headers)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        return Reply(
            status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes), bytes: Array(buffer: bytes))
    }

    func post(_ operation: String, _ body: String? = nil) async throws -> Reply {
        try await request("POST", Self.path(operation), body: body)
    }

    func get(_ operation: String) async throws -> Reply {
        try await request("GET", Self.path(operation))
    }

    /// Submits `input` with `/run` and returns the job id.
    func run(_ input: JSONValue) async throws -> String {
        let reply = try await post("run", Self.envelope(input))
        guard let id = reply.json?["id"]?.stringValue else { throw HarnessError("no job id in \(reply.body)") }
        return id
    }

    /// Polls `/stream` until it reports a final status, moving time on by `step` between polls
    /// (on the manual clock, or by sleeping). Returns every poll's answer.
    func drain(_ id: String, step: Duration = .milliseconds(2)) async throws -> [Reply] {
        var replies: [Reply] = []
        for _ in 0..<100_000 {
            let reply = try await get("stream/\(id)")
            replies.append(reply)
            if reply.status == 200, let status = reply.jobStatus, ["COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"].contains(status) {
                return replies
            }
            try await advance(step)
        }
        throw HarnessError("job \(id) never finished")
    }

    func advance(_ duration: Duration) async throws {
        if let clock { clock.advance(by: duration) } else { try await Task.sleep(for: duration) }
    }

    /// `{"input": input}` as JSON text.
    static func envelope(_ input: JSONValue) -> String {
        JSONValue.object(["input": input]).encodedText
    }

    /// A chat input with one user message and extra fields.
    static func chat(_ text: String, _ fields: [String: JSONValue] = [:]) -> JSONValue {
        var input = fields
        input["messages"] = .array([.object(["role": .string("user"), "content": .string(text)])])
        return .object(input)
    }

    /// The `output` values of every `/stream` element in `replies`, in order.
    static func outputs(_ replies: [Reply]) -> [JSONValue] {
        replies.flatMap { ($0.json?["stream"]?.arrayValue ?? []).compactMap { $0["output"] } }
    }

    /// The JSON payloads of the `data:` events in SSE text, without `[DONE]`.
    static func sseChunks(_ text: String) -> [JSONValue] {
        text.split(separator: "\n\n").compactMap { event in
            event.hasPrefix("data: ") ? JSONValue(parsing: String(event.dropFirst("data: ".count))) : nil
        }
    }

    /// The SSE text a streamed proxy job yielded: every string output of `replies`, joined.
    static func sseText(_ replies: [Reply]) -> String {
        outputs(replies).compactMap(\.stringValue).joined()
    }

    /// A legacy worker job's outputs in a `/runsync` or `/status` answer.
    static func statusOutputs(_ reply: Reply) -> [JSONValue] {
        reply.json?["output"]?.arrayValue ?? []
    }

    /// Legacy chunks joined back into text, per choice.
    static func legacyTexts(_ chunks: [JSONValue]) -> [String] {
        var texts: [String] = []
        for chunk in chunks {
            for (index, choice) in (chunk["choices"]?.arrayValue ?? []).enumerated() {
                if texts.count <= index { texts.append("") }
                texts[index] += (choice["tokens"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
            }
        }
        return texts
    }
}

extension JSONValue {
    /// The element at `index` when this is an array that long, else nil.
    subscript(index: Int) -> JSONValue? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
