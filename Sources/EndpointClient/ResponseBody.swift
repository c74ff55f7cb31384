import AsyncHTTPClient
import NIOCore

/// A streamed response's body, read once, piece by piece, by ``read(into:_:)``.
///
/// Each piece is handed on in the task that receives it from the network, so a streamed reply
/// is parsed and delivered without passing through more tasks on its way (each hand-off is a
/// thread wake-up per token).
package struct ResponseBody: Sendable {
    private enum Source: Sendable {
        case pieces(AsyncThrowingStream<[UInt8], any Error>)
        case client(HTTPClientResponse.Body, idleLimit: Duration)
    }

    /// How reading ended: what `consume` made of the pieces, and the failure that cut the body
    /// short, if one did.
    package struct Reading<State: Sendable>: Sendable {
        package var state: State
        package var failure: TransportError?
    }

    private let source: Source

    /// A body of `pieces`, which end when the body does and throw ``TransportError`` when the
    /// connection fails; tests script bodies so.
    package init(_ pieces: AsyncThrowingStream<[UInt8], any Error>) {
        source = .pieces(pieces)
    }

    /// AsyncHTTPClient's `body`, failing with a timeout when no piece comes for `idleLimit`.
    init(client body: HTTPClientResponse.Body, idleLimit: Duration) {
        source = .client(body, idleLimit: idleLimit)
    }

    /// Hands each piece to `consume`, in order, until the body ends, `consume` returns false
    /// (it needs no more), or the connection fails. Stopping early closes the connection, so
    /// the server sees the reader leave (vLLM then aborts the generation).
    ///
    /// - Throws: `CancellationError` when the calling task is cancelled; other failures are
    ///   returned in the ``Reading``, beside what was read before them.
    package func read<State: Sendable>(
        into state: State, _ consume: @escaping @Sendable (inout State, [UInt8]) -> Bool
    ) async throws -> Reading<State> {
        switch source {
        case .pieces(let pieces):
            return try await Self.read(pieces, into: state, consume)
        case .client(let body, let idleLimit):
            return try await Self.read(body, idleLimit: idleLimit, into: state, consume)
        }
    }

    private static func read<State: Sendable>(
        _ pieces: AsyncThrowingStream<[UInt8], any Error>, into state: State,
        _ consume: @Sendable (inout State, [UInt8]) -> Bool
    ) async throws -> Reading<State> {
        var reading = Reading(state: state)
        do {
            for try await piece in pieces where !consume(&reading.state, piece) { break }
        } catch {
            reading.failure = try transportFailure(error)
        }
        // A cancelled reader's body may end quietly; that is not the server ending it.
        try Task.checkCancellation()
        return reading
    }

    /// Reads in a child task beside an idle timer: when the timer fires it cancels only the
    /// child, so a timeout is told apart from the caller's cancellation, which reaches both.
    private static func read<State: Sendable>(
        _ body: HTTPClientResponse.Body, idleLimit: Duration, into state: State,
        _ consume: @escaping @Sendable (inout State, [UInt8]) -> Bool
    ) async throws -> Reading<State> {
        let idle = IdleTimer(limit: idleLimit)
        var reading = await withTaskGroup(of: Reading<State>?.self) { group in
            group.addTask {
                var reading = Reading(state: state)
                do {
                    for try await buffer in body {
                        idle.touch()
                        if !consume(&reading.state, Array(buffer: buffer)) { break }
                    }
                } catch {
                    // Cancelled by the timer or the caller, each of which is told below.
                    reading.failure = AsyncHTTPTransport.classify(error) as? TransportError ?? TransportError(.interrupted, detail: "cancelled")
                }
                return reading
            }
            group.addTask {
                try? await idle.waitUntilIdle()
                return nil
            }
            var reading = Reading(state: state)  // replaced by the reader's, which always comes
            for await result in group {
                // Whichever ends first ends the other: the reading stops the timer, the timer the reading.
                group.cancelAll()
                if let result { reading = result }
            }
            return reading
        }
        try Task.checkCancellation()
        // A body cut short by the idle timer may end either way, so the timer is asked first.
        if idle.hasFired {
            reading.failure = TransportError(.interrupted, detail: "timed out: no data for \(idleLimit.readable)")
        }
        return reading
    }

    /// The transport failure in `error`; cancellation is rethrown instead.
    private static func transportFailure(_ error: any Error) throws -> TransportError {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        if let transportError = error as? TransportError { return transportError }
        // A body that broke its contract; treat it like any network failure.
        return TransportError(.interrupted, detail: "\(error)")
    }
}
