import NIOHTTP1
import PodchatCore

/// What the simulator answers to one request.
struct SimulatorResponse: Sendable {
    /// Sends one piece of a streamed body.
    typealias StreamWriter = @Sendable (String) async throws -> Void

    enum Body: Sendable {
        case text(String)
        /// Bytes that need not be UTF-8 (see ``BrokenUTF8``).
        case bytes([UInt8])
        /// The first part of a body `declaredLength` bytes long, after which the connection
        /// closes: a connection reset in the middle of an answer.
        case cut([UInt8], declaredLength: Int)
        /// A body written piece by piece (Server-Sent Events) until the closure returns.
        case stream(@Sendable (StreamWriter) async throws -> Void)
    }

    var status: HTTPResponseStatus
    var headers: [(String, String)]
    var body: Body

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: [("Content-Type", "application/json")], body: .text((value).encodedText))
    }

    /// An error answer, `{"error": message}`.
    static func error(_ status: HTTPResponseStatus, _ message: String) -> SimulatorResponse {
        json(.object(["error": .string(message)]), status: status)
    }

    /// A `text/event-stream` answer written by `produce`.
    static func eventStream(_ produce: @escaping @Sendable (StreamWriter) async throws -> Void) -> SimulatorResponse {
        SimulatorResponse(
            status: .ok,
            headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")],
            body: .stream(produce)
        )
    }
}
