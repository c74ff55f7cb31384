import Synchronization

/// A value a backend learned from the server, shared by the backend's copies so it is learned
/// once: an ``OpenAIBackend``'s model name, a ``RunpodBackend``'s worker generation.
final class Remembered<Value: Sendable>: Sendable {
    private let stored: Mutex<Value?>

    /// Remembers `initial`, if any yet.
    init(_ initial: Value? = nil) {
        stored = Mutex(initial)
    }

    /// The value learned, if any yet.
    var value: Value? { stored.withLock { $0 } }

    /// Remembers `value`, replacing what was known.
    func store(_ value: Value) {
        stored.withLock { $0 = value }
    }
}
