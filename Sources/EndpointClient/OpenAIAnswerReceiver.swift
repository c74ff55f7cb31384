import NIOHTTP1
import PodchatCore
import Synchronization

/// Takes one answer of the OpenAI route as it arrives, on the network's thread: a streamed
/// reply is decoded and its events delivered piece by piece, a whole reply (`stream: false`) is
/// kept until it ends, and a failure's body is kept to word the failure.
///
/// Decoding where the bytes were read is what keeps a streamed token cheap: it reaches the
/// loop's mailbox with no task woken on the way.
final class OpenAIAnswerReceiver: StreamReceiver {
    /// The most of a failure's body kept: it only words the failure.
    static let failureBodyLimit = 64 << 10
    /// The most of a whole reply kept.
    static let wholeBodyLimit = 64 << 20

    private struct State {
        var status: HTTPResponseStatus?
        var headers: HTTPHeaders = [:]
        var reader: OpenAIStreamReader
        var body: [UInt8] = []
        var end: OpenAIStreamReader.End?
        var isStopped = false

        var isSuccess: Bool { status.map { (200..<300).contains($0.code) } ?? false }
    }

    private let state: Mutex<State>
    private let streams: Bool
    private let deliver: @Sendable (CompletionEvent) -> Void

    /// - Parameters:
    ///   - streams: whether the reply streams (`stream: true`), so its events are delivered as
    ///     they arrive; otherwise the whole body is read when it ends (``finish()``).
    ///   - deliver: called with each event, in order and one at a time, from the thread that
    ///     read it.
    init(reader: OpenAIStreamReader, streams: Bool, deliver: @escaping @Sendable (CompletionEvent) -> Void) {
        state = Mutex(State(reader: reader))
        self.streams = streams
        self.deliver = deliver
    }

    func receivedHead(status: HTTPResponseStatus, headers: HTTPHeaders) {
        state.withLock { state in
            state.status = status
            state.headers = headers
        }
    }

    func received(_ piece: [UInt8]) -> Bool {
        state.withLock { state in
            guard !state.isStopped else { return false }
            guard state.isSuccess, streams else {
                let limit = state.isSuccess ? Self.wholeBodyLimit : Self.failureBodyLimit
                state.body += piece.prefix(limit - state.body.count)
                return state.body.count < limit
            }
            let step = state.reader.consume(piece)
            for event in step.events { deliver(event) }
            state.end = step.end
            return step.end == nil
        }
    }

    /// Delivers nothing more, from now on: the reply was abandoned.
    func stop() {
        state.withLock { $0.isStopped = true }
    }

    /// The answer's status and headers, once its head arrived.
    var head: (status: HTTPResponseStatus, headers: HTTPHeaders)? {
        state.withLock { state in state.status.map { ($0, state.headers) } }
    }

    /// What was kept of a failure's or a whole reply's body.
    var body: [UInt8] { state.withLock { $0.body } }

    /// How the streamed reply ended, when its stream said so.
    var end: OpenAIStreamReader.End? { state.withLock { $0.end } }

    /// The reply's end once its body has ended: its stream's last events, or the whole reply's.
    func finish() -> OpenAIStreamReader.Ending {
        state.withLock { state in streams ? state.reader.end() : state.reader.complete(state.body) }
    }

    /// The failure to report when the connection broke after the head.
    func interrupted(_ error: TransportError) -> CompletionFailure {
        state.withLock { $0.reader.interrupted(error) }
    }
}
