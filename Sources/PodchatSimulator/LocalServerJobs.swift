import PodchatCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The job inputs `/run` stored on the simulated SDK local test server, which runs a job only
/// when it is polled and forgets it afterwards.
final class LocalServerJobs: Sendable {
    private let inputs = Mutex<[String: [String: JSONValue]]>([:])

    /// A job id in the local server's style, `test-<uuid>`.
    static func newID() -> String {
        "test-" + UUID().uuidString.lowercased()
    }

    /// Stores `input` and returns its new job id.
    func store(_ input: [String: JSONValue]) -> String {
        let id = Self.newID()
        inputs.withLock { $0[id] = input }
        return id
    }

    /// The input stored under `id`, if it is still there.
    func input(of id: String) -> [String: JSONValue]? {
        inputs.withLock { $0[id] }
    }

    /// Forgets job `id`.
    func remove(_ id: String) {
        _ = inputs.withLock { $0.removeValue(forKey: id) }
    }
}
