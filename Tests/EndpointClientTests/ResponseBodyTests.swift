import EndpointClient
import NIOHTTP1
import PodchatCore
import PodchatSimulator
import Testing

/// Reading a streamed body piece by piece in the task that receives it: over AsyncHTTPClient
/// from the simulator's OpenAI route (the idle timeout, the caller's cancellation), and scripted.
@Suite struct ResponseBodyTests {
    /// Runs `body` with a simulator streaming a token a millisecond unless a marker slows it.
    static func withSimulator(_ body: (SimulatorServer) async throws -> Void) async throws {
        let server = try await SimulatorServer.start(port: 0, options: SimulatorOptions(tokenDelay: .milliseconds(1)))
        do {
            try await body(server)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
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

    /// Appends each piece and reads on.
    static let collect: @Sendable (inout [UInt8], [UInt8]) -> Bool = { bytes, piece in
        bytes += piece
        return true
    }

    @Test func readsAFlowingBodyWholeAndInOrder() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:tokens=40]]", from: server, idleLimit: .seconds(5))
            let reading = try await response.body.read(into: [UInt8](), Self.collect)
            #expect(reading.failure == nil)
            let text = String(decoding: reading.state, as: UTF8.self)
            #expect(text.hasSuffix("data: [DONE]\n\n"))
            var parser = SSEParser()
            let events = parser.consume(reading.state)
            #expect(events.count > 40 && events.last?.data == "[DONE]", "every piece, in the order sent")
        }
    }

    @Test func endsAQuietBodyWithATimeoutKeepingWhatCameBefore() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:slow=3000]]", from: server, idleLimit: .milliseconds(500))
            let start = ContinuousClock.now
            let reading = try await response.body.read(into: [UInt8](), Self.collect)
            #expect(ContinuousClock.now - start < .milliseconds(2500), "the timer, not the next token, ended the read")
            let failure = try #require(reading.failure)
            #expect(failure.kind == .interrupted && failure.detail == "timed out: no data for 500 ms")
            #expect(String(decoding: reading.state, as: UTF8.self).contains("data: "), "the pieces before the silence are kept")
        }
    }

    @Test func throwsCancellationWhenTheCallerIsCancelledNotATimeout() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:slow=3000]]", from: server, idleLimit: .seconds(30))
            let reader = Task { try await response.body.read(into: [UInt8](), Self.collect) }
            try await Task.sleep(for: .milliseconds(300))
            let start = ContinuousClock.now
            reader.cancel()
            await #expect(throws: CancellationError.self) { try await reader.value }
            #expect(ContinuousClock.now - start < .seconds(2), "cancellation ends the wait at once")
        }
    }

    @Test func stopsWhenTheConsumerNeedsNoMore() async throws {
        try await Self.withSimulator { server in
            let response = try await Self.stream("Go [[sim:slow=3000]]", from: server, idleLimit: .seconds(30))
            let start = ContinuousClock.now
            let reading = try await response.body.read(into: 0) { count, _ in
                count += 1
                return false
            }
            #expect(reading.state == 1 && reading.failure == nil)
            #expect(ContinuousClock.now - start < .seconds(2))
        }
    }

    @Test func returnsAScriptedBodysFailureAfterItsPieces() async throws {
        let (pieces, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        continuation.yield([1, 2])
        continuation.yield([3])
        continuation.finish(throwing: TransportError(.interrupted, detail: "reset"))
        let reading = try await ResponseBody(pieces).read(into: [UInt8](), Self.collect)
        #expect(reading.state == [1, 2, 3])
        #expect(reading.failure?.detail == "reset")
    }
}
