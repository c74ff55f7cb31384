import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Hands AsyncHTTPClient's callbacks, made on the connection's thread one at a time, to a
/// ``StreamReceiver``, touching the idle timer on each; ends the request when the receiver
/// wants no more.
final class ReceivingDelegate<Receiver: StreamReceiver>: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    private let receiver: Receiver
    /// Pushed back by every callback; ``AsyncHTTPTransport/stream(_:into:)`` ends the request when it fires.
    let idle: IdleTimer
    private let left = Atomic<Bool>(false)

    init(receiver: Receiver, idle: IdleTimer) {
        self.receiver = receiver
        self.idle = idle
    }

    /// Whether the receiver asked to hear no more, which ended the request.
    var receiverLeft: Bool { left.load(ordering: .acquiring) }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        idle.touch()
        receiver.receivedHead(status: head.status, headers: head.headers)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        idle.touch()
        if !receiverLeft && !receiver.received(Array(buffer: buffer)) {
            left.store(true, ordering: .releasing)
            task.cancel()
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {}
}
