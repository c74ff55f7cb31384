import EndpointClient
import NIOCore
import Testing

/// How ``AsyncHTTPTransport`` gathers a response body: once, in one array, within the limit.
@Suite struct ResponseBodyCollectionTests {
    /// `pieces` as the body sequence AsyncHTTPClient hands over.
    private static func body(_ pieces: [[UInt8]]) -> AsyncThrowingStream<ByteBuffer, any Error> {
        AsyncThrowingStream { continuation in
            for piece in pieces { continuation.yield(ByteBuffer(bytes: piece)) }
            continuation.finish()
        }
    }

    private static func pieces(count: Int, size: Int) -> [[UInt8]] {
        (0..<count).map { index in [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: size) }
    }

    @Test(arguments: [0, 1, 7, 300])
    func joinsThePiecesInOrder(count: Int) async throws {
        let pieces = Self.pieces(count: count, size: 13)
        let bytes = try await AsyncHTTPTransport.bytes(of: Self.body(pieces), expectedLength: nil, upTo: 1 << 20)
        #expect(bytes == pieces.flatMap { $0 })
    }

    @Test func holdsAnAnnouncedBodyInOneAllocationOfItsLength() async throws {
        // 550,000 bytes in 1,000-byte reads, as a 2,000-token /status answer arrives: grown by
        // doubling, the array would end with room for 655,360 or more.
        let pieces = Self.pieces(count: 550, size: 1000)
        let bytes = try await AsyncHTTPTransport.bytes(of: Self.body(pieces), expectedLength: 550_000, upTo: 1 << 20)
        #expect(bytes.count == 550_000)
        #expect(bytes.capacity < 550_000 + 4096)
    }

    @Test func aBodyLongerThanItsAnnouncementIsStillReadWhole() async throws {
        let pieces = Self.pieces(count: 30, size: 100)
        let bytes = try await AsyncHTTPTransport.bytes(of: Self.body(pieces), expectedLength: 1000, upTo: 1 << 20)
        #expect(bytes == pieces.flatMap { $0 })
    }

    @Test func aBodyOverTheLimitFails() async {
        await #expect(throws: NIOTooManyBytesError.self) {
            try await AsyncHTTPTransport.bytes(of: Self.body(Self.pieces(count: 11, size: 100)), expectedLength: nil, upTo: 1000)
        }
    }

    @Test func aBodyOfExactlyTheLimitIsAccepted() async throws {
        let bytes = try await AsyncHTTPTransport.bytes(
            of: Self.body(Self.pieces(count: 10, size: 100)), expectedLength: 1000, upTo: 1000)
        #expect(bytes.count == 1000)
    }

    @Test func anAnnouncedLengthOverTheLimitFailsBeforeReading() async {
        let (body, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        // Nothing is ever sent: the check must not wait for the body.
        await #expect(throws: NIOTooManyBytesError.self) {
            try await AsyncHTTPTransport.bytes(of: body, expectedLength: 2000, upTo: 1000)
        }
        continuation.finish()
    }
}
