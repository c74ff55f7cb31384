import NIOHTTP1
import Synchronization

/// The HTTP method of one endpoint's `/stream` and `/status` polls, learned from the server.
///
/// Polls use GET, as production documents. The runpod SDK's local test server
/// (`python handler.py --rp_serve_api`, protocol.md §5.2) answers GET with 405 and accepts only
/// POST, so after a 405 the endpoint's polls switch to POST for good. That server also holds a
/// poll open until the whole job has run, so POST polls may take as long as a generation.
final class PollMethod: Sendable {
    /// How long a POST poll may take: the local test server answers only when the job is done.
    static let blockingPollTimeout: Duration = .seconds(600)

    private let usesPOST = Atomic<Bool>(false)

    /// The method to poll with now.
    var current: HTTPMethod {
        usesPOST.load(ordering: .relaxed) ? .POST : .GET
    }

    /// Makes every later poll a POST.
    func switchToPOST() {
        usesPOST.store(true, ordering: .relaxed)
    }
}
