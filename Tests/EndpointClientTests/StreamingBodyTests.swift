import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatSimulator
import PodchatTestSupport
import Testing

/// A streamed body over AsyncHTTPClient from the simulator's OpenAI route: read whole and in
/// order, ended by the idle timeout when it goes quiet, ended at once when its reader leaves.
@Suite struct StreamingBodyTests {
    /// Runs `body` with a simulator streaming a token a millisecond unless a marker slows it.
    static func withSimulator(_ body: (SimulatorServer) async throws -> Void) async throws {
        let server = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        try await server.stopAfter { try await body(server) }
    }

    /// A streamed chat completion of `text` from `server`, waiting at most `idleLimit` for each piece.
    static func stream(_ text: String, from server: SimulatorServer, idleLimit: Duration) async throws -> StreamingResponse {
        let message: JSONValue = .object(["role": .string("user"), "content": .string(text)])
        let body: JSONValue = .object([
            "model": .string("podchat/simulated-model"), "stream": .bool(true), "messages": .array([message]),
        ])
        let request = TransportRequest(
            method: .POST, url: server.endpointURL(id: "t") + "/openai/v1/chat/completions",
            headers: ["Content-Type": "application/json"], body: body.encodedBytes, timeout: idleLimit)
        return try await AsyncHTTPTransport().stream(request)
    }

    /// The body's bytes, and the error that ended it, if one did.
    static func read(_ body: AsyncThrowingStream<[UInt8], any Error>) async -> (bytes: [UInt8], failure: (any Error)?) {
        var bytes: [UInt8] = []
        do {
            for try await piece in body { bytes += piece }
            return (bytes, nil)
        } catch {
            return (bytes, error)
        }
    }

    @Test func readsAFlowingBodyWholeAndInOrder() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:tokens=40]]", from: server, idleLimit: .seconds(30))
            let (bytes, failure) = await Self.read(response.body)
            #expect(failure == nil)
            var parser = SSEParser()
            let events = parser.consume(bytes)
            #expect(events.count > 40 && events.last?.data == "[DONE]", "every piece, in the order sent")
        }
    }

    @Test func endsAQuietBodyWithATimeoutKeepingWhatCameBefore() async throws {
        try await Self.withSimulator { server in
            // 6 s, not less: the wait for the head counts too, and under the whole suite's load on
            // two cores it once took longer than 3 s.
            let response = try await Self.stream("Go [[sim:slow=30000]]", from: server, idleLimit: .seconds(6))
            let start = ContinuousClock.now
            let (bytes, failure) = await Self.read(response.body)
            #expect(ContinuousClock.now - start < .seconds(25), "the timer, not the next token, ended the read")
            let error = try #require(failure as? TransportError)
            #expect(error.kind == .interrupted && error.detail == "timed out: no data for 6 s")
            #expect(String(decoding: bytes, as: UTF8.self).contains("data: "), "the pieces before the silence are kept")
        }
    }

    @Test func endsAtOnceWithoutATimeoutWhenTheReaderIsCancelled() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:slow=3000]]", from: server, idleLimit: .seconds(30))
            let reader = Task { await Self.read(response.body) }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            reader.cancel()
            let failure = await reader.value.failure
            #expect(ContinuousClock.now - start < .seconds(2), "cancellation ends the wait at once")
            #expect(!(failure is TransportError), "a reader that left is not a timeout")
        }
    }
}
