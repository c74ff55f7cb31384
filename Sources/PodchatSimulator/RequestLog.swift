import Synchronization

/// Every request the server received and every job it created, in order.
final class RequestLog: Sendable {
    private let requests = Mutex<[RecordedRequest]>([])
    private let jobRecords = Mutex<[JobRecord]>([])

    func append(_ request: RecordedRequest) {
        requests.withLock { $0.append(request) }
    }

    func append(_ job: JobRecord) {
        jobRecords.withLock { $0.append(job) }
    }

    /// Forgets job `id`, which a refused `/run` never really queued.
    func removeJob(_ id: String) {
        jobRecords.withLock { $0.removeAll { $0.id == id } }
    }

    var all: [RecordedRequest] { requests.withLock { $0 } }

    var jobs: [JobRecord] { jobRecords.withLock { $0 } }
}
