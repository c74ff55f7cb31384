import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Synchronization
import Testing

/// A streamed body over AsyncHTTPClient from the simulator's OpenAI route, handed to a receiver
/// on the network's thread: read whole and in order, ended by the idle timeout when it goes
/// quiet, ended at once when its reader leaves or wants no more.
@Suite struct StreamingBodyTests {
    /// Runs `body` with a simulator streaming a token a millisecond unless a marker slows it.
    static func withSimulator(_ body: (SimulatorServer) async throws -> Void) async throws {
        let server = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        try await server.stopAfter { try await body(server) }
    }

    /// The request for a streamed chat completion of `text`.
    static func request(_ text: String, from server: SimulatorServer, idleLimit: Duration) -> TransportRequest {
        let message: JSONValue = .object(["role": .string("user"), "content": .string(text)])
        let body: JSONValue = .object([
            "model": .string("podchat/simulated-model"), "stream": .bool(true), "messages": .array([message]),
        ])
        return TransportRequest(
            method: .POST, url: server.endpointURL(id: "t") + "/openai/v1/chat/completions",
            headers: ["Content-Type": "application/json"], body: body.encodedBytes, timeout: idleLimit)
    }

    /// Takes a body the way the OpenAI route does, keeping its bytes; wants no more after
    /// `piecesWanted` pieces, if given.
    final class CollectingReceiver: StreamReceiver {
        private let state = Mutex<(status: HTTPResponseStatus?, bytes: [UInt8], pieces: Int)>((nil, [], 0))
        private let piecesWanted: Int?

        init(piecesWanted: Int? = nil) {
            self.piecesWanted = piecesWanted
        }

        var status: HTTPResponseStatus? { state.withLock { $0.status } }
        var bytes: [UInt8] { state.withLock { $0.bytes } }

        func receivedHead(status: HTTPResponseStatus, headers: HTTPHeaders) {
            state.withLock { $0.status = status }
        }

        func received(_ piece: [UInt8]) -> Bool {
            state.withLock { state in
                state.bytes += piece
                state.pieces += 1
                return piecesWanted.map { state.pieces < $0 } ?? true
            }
        }
    }

    /// The body of a streamed completion of `text`, and the error that ended it, if one did.
    static func body(of text: String, from server: SimulatorServer, idleLimit: Duration) async -> (bytes: [UInt8], failure: (any Error)?) {
        let receiver = CollectingReceiver()
        do {
            try await AsyncHTTPTransport().stream(request(text, from: server, idleLimit: idleLimit), into: receiver)
            #expect(receiver.status == .ok)
            return (receiver.bytes, nil)
        } catch {
            return (receiver.bytes, error)
        }
    }

    @Test func readsAFlowingBodyWholeAndInOrder() async throws {
        try await Self.withSimulator { server in
            let (bytes, failure) = await Self.body(of: "Go [[sim:tokens=40]]", from: server, idleLimit: .seconds(30))
            #expect(failure == nil)
            var parser = SSEParser()
            let events = parser.consume(bytes)
            #expect(events.count > 40 && events.last?.data == "[DONE]", "every piece, in the order sent")
        }
    }

    @Test func endsAQuietBodyWithATimeoutKeepingWhatCameBefore() async throws {
        try await Self.withSimulator { server in
            let start = ContinuousClock.now
            let (bytes, failure) = await Self.body(of: "Go [[sim:slow=30000]]", from: server, idleLimit: .seconds(6))
            #expect(ContinuousClock.now - start < .seconds(25), "the timer, not the next token, ended the read")
            let error = try #require(failure as? TransportError)
            #expect(error.kind == .interrupted && error.detail == "timed out: no data for 6 s")
            #expect(String(decoding: bytes, as: UTF8.self).contains("data: "), "the pieces before the silence are kept")
        }
    }

    @Test func aReceiverEndsAtOnceWhenItsTaskIsCancelled() async throws {
        try await Self.withSimulator { server in
            let receiver = CollectingReceiver()
            let reader = Task {
                try await AsyncHTTPTransport().stream(Self.request("Go [[sim:slow=90000]]", from: server, idleLimit: .seconds(120)), into: receiver)
            }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            reader.cancel()
            let result = await reader.result
            #expect(ContinuousClock.now - start < .seconds(45), "cancellation ends the wait, not the next token 90 s on")
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }

    @Test func aReceiverThatWantsNoMoreEndsTheRequestQuietly() async throws {
        try await Self.withSimulator { server in
            let receiver = CollectingReceiver(piecesWanted: 1)
            let start = ContinuousClock.now
            try await AsyncHTTPTransport().stream(Self.request("Go [[sim:slow=90000]]", from: server, idleLimit: .seconds(120)), into: receiver)
            #expect(ContinuousClock.now - start < .seconds(45), "the tokens 90 s apart after the first piece are not waited for")
            #expect(!receiver.bytes.isEmpty)
        }
    }

    @Test func aReceiverHearsAFailuresStatusAndBody() async throws {
        try await Self.withSimulator { server in
            let receiver = CollectingReceiver()
            var request = Self.request("Hello", from: server, idleLimit: .seconds(30))
            request.body = Array("{not json".utf8)
            try await AsyncHTTPTransport().stream(request, into: receiver)
            #expect(receiver.status?.code == 400)
            #expect(!receiver.bytes.isEmpty, "the body that words the failure")
        }
    }
}
