import Synchronization

/// Every request the server received, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[RecordedRequest]>([])

    func append(_ request: RecordedRequest) {
        requests.withLock { $0.append(request) }
    }

    var all: [RecordedRequest] { requests.withLock { $0 } }
}
