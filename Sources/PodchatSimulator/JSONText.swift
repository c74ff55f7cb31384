#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PodchatCore

/// JSON text to and from ``JSONValue``.
enum JSONText {
    /// Compact JSON with sorted keys, so every response is byte-for-byte reproducible.
    static func encode(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Only non-finite numbers fail to encode, and the simulator never makes any.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The parsed value, or nil when `text` is not JSON.
    static func decode(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
