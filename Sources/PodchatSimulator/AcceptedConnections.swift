import NIOCore
import NIOHTTP1
import Synchronization

/// Holds every connection the listener accepts until a ``HTTPConnection`` takes it, and closes
/// those left over when the server stops.
///
/// NIO traps when an async channel is released without `executeThenClose` having finished it.
/// A connection accepted just as the listener closes sits in the listener's stream, which the
/// serving loop no longer reads, and would be released exactly so (apple/swift-nio#3481): the
/// test process crashed that way under load. Keeping a reference here, and finishing whatever
/// is left once serving ends, closes that window.
final class AcceptedConnections: Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private struct Held {
        var waiting: [ObjectIdentifier: Connection] = [:]
        var isClosed = false
    }

    private let held = Mutex(Held())

    /// Keeps `connection` until ``take(_:)``; once the server has stopped it is closed at once.
    func adopt(_ connection: Connection) {
        let isClosed = held.withLock { held in
            if !held.isClosed { held.waiting[Self.key(connection)] = connection }
            return held.isClosed
        }
        if isClosed { Self.close([connection]) }
    }

    /// Hands `connection` over to whoever serves it, which then owns its closing.
    func take(_ connection: Connection) -> Connection {
        _ = held.withLock { $0.waiting.removeValue(forKey: Self.key(connection)) }
        return connection
    }

    /// Closes every connection not taken, and any accepted from now on.
    func closeAll() {
        let left = held.withLock { held in
            held.isClosed = true
            defer { held.waiting = [:] }
            return Array(held.waiting.values)
        }
        Self.close(left)
    }

    private static func key(_ connection: Connection) -> ObjectIdentifier {
        ObjectIdentifier(connection.channel)
    }

    private static func close(_ connections: [Connection]) {
        guard !connections.isEmpty else { return }
        Task {
            for connection in connections {
                try? await connection.executeThenClose { _, _ in }
            }
        }
    }
}
