import Synchronization

/// The model name an ``OpenAIBackend`` discovered with `GET /models`, shared by its copies so
/// the list is fetched once.
final class ModelNameCache: Sendable {
    private let name = Mutex<String?>(nil)

    /// The discovered name, if any yet.
    var value: String? { name.withLock { $0 } }

    /// Remembers `model`.
    func store(_ model: String) {
        name.withLock { $0 = model }
    }
}
